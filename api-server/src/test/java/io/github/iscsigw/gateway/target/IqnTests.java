package io.github.iscsigw.gateway.target;

import io.github.iscsigw.gateway.error.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IqnTests {

	@ParameterizedTest
	@CsvSource({ "iqn.2003-01.com.example.iscsi-gw:ceph-igw, iqn.2003-01.com.example.iscsi-gw:ceph-igw",
			"'  IQN.1994-05.COM.Example:Client1 ', iqn.1994-05.com.example:client1",
			"iqn.2003-19.a.b, iqn.2003-19.a.b" })
	void normalises(String raw, String expected) {
		assertThat(Iqn.parse(raw).value()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "iqn.2003-01.com_example.x:y", "iqn.2003-01.com.example x:y", "eui.02004567A425678D",
			"iqn.203-01.com.example:x", "iqn.2003-21.com.example:x", "iqn.2003-01.com", "", "naa.5001405" })
	void rejects(String raw) {
		assertThatThrownBy(() -> Iqn.parse(raw)).isInstanceOf(ApiException.class)
			.hasMessage("Invalid iqn " + raw + " - WWN not valid as: iqn");
	}

}
