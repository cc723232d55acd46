package io.github.iscsigw.gateway.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ceph-iscsi's {@code valid_credentials} rules in order (rbd-target-api.md §4).
 */
class ChapCredentialsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', emptyValue = "", nullValues = "VALID", value = {
			"myiscsiusername||||Password is required", "|myiscsipassword1|||Username is required",
			"||mytargetusername|mytargetsecret12|Username is required",
			"myiscsiusername|myiscsipassword1|mytargetusername||Mutual password is required",
			"myiscsiusername|myiscsipassword1||mytargetsecret12|Mutual username is required",
			"short|myiscsipassword1|||Minimum length of username is 8 characters",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|myiscsipassword1|||Maximum length of username is 64 characters",
			"bad user!|myiscsipassword1|||Invalid username",
			"myiscsiusername|myiscsipassword1|tiny|mytargetsecret12|Minimum length of mutual username is 8 characters",
			"myiscsiusername|myiscsipassword1|bad mutual user|mytargetsecret12|Invalid mutual username",
			"myiscsiusername|short|||Minimum length of password is 12 characters",
			"myiscsiusername|passwordthatistoolong|||Maximum length of password is 16 characters",
			"myiscsiusername|bad password!|||Invalid password",
			"myiscsiusername|myiscsipassword1|mytargetusername|short|Minimum length of mutual password is 12 characters",
			"myiscsiusername|myiscsipassword1|mytargetusername|bad secret 12!|Invalid mutual password",
			"myiscsiusername|myiscsipassword1|mytargetusername|mytargetsecret12|VALID",
			"iqn.1994-05.com.example:client1|my/pass@word-12|||VALID", "domain\\user01|myiscsipassword1|||VALID",
			"ünïcödeuser|myiscsipassword1|||VALID", "||||VALID" })
	void rules(String user, String password, String mutualUser, String mutualPassword, String expected) {
		assertThat(new ChapCredentials(user, password, mutualUser, mutualPassword).problem().orElse(null))
			.isEqualTo(expected);
	}

	@Test
	void passwordsAreNeverPrinted() {
		assertThat(new ChapCredentials("myiscsiusername", "myiscsipassword1", "mytargetusername", "mytargetsecret12")
			.toString()).doesNotContain("myiscsipassword1").doesNotContain("mytargetsecret12");
	}

}
