package io.github.iscsigw.gateway.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SourceAddressTests {

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, 127.0.0.1", "::ffff:192.168.0.10, 192.168.0.10", "::FFFF:10.0.0.1, 10.0.0.1",
			"0:0:0:0:0:0:0:1, ::1", "fe80::1%eth0, fe80::1", "[2001:db8::10], 2001:db8::10",
			"2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
			"2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "0:0:0:0:0:0:0:0, ::", "fe80:0:0:0:0:0:0:5%2, fe80::5" })
	void normalises(String raw, String expected) {
		assertThat(SourceAddress.normalise(raw)).contains(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "gw1.example.com", "", "1.2.3", "::g" })
	void rejectsNonLiterals(String raw) {
		assertThat(SourceAddress.normalise(raw)).isEmpty();
	}

}
