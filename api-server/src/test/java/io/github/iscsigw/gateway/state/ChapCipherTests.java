package io.github.iscsigw.gateway.state;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Test vectors of gateway-conf.md §4.3.
 */
class ChapCipherTests {

	private static final String CURRENT = "gSIgdn9WcIHsFLKvc7aQkQxK5xAyy8WiSpb3Qnjc3bf9/n5iEVFXzeSFDIfOqEi0UbHiH/3/gy2obrTUYOwXadnShWZmXMlZGH7dVc/Lyg972NUxvU7lUUrZBBUGvIkbSlLWiQmu3Zao6vVFknEWut9Snc9bbw02qzfABVwgdgQ=";

	private static final String LEGACY_SHA1 = "0adOvh7GIZO761OEm+GcXFn73aNo2fnn7BL4uqXPW3qDJ8PKgikGpFnTcETV/anMPFz2JWLighpdRdT0vv56GShFhABwk8hpCiaxf25x7SL1s4TX2tgbw9C9Txr03TEpuZ7ks+jmeJLq6kBuMbOmNsVHn1MKe2/GtywVWQ9KEr8=";

	@TempDir
	Path dir;

	private ChapCipher install(String privateKey, String publicKey) throws Exception {
		Files.write(this.dir.resolve("iscsi-gateway.key"), StateFixtures.bytes("keys/" + privateKey));
		Files.write(this.dir.resolve("iscsi-gateway-pub.key"), StateFixtures.bytes("keys/" + publicKey));
		return ChapCipher.inDirectory(this.dir, "iscsi-gateway.key", "iscsi-gateway-pub.key");
	}

	@Test
	void decryptsBothTestVectors() throws Exception {
		ChapCipher cipher = install("iscsi-gateway.key", "iscsi-gateway-pub.key");
		assertThat(cipher.decrypt(CURRENT)).isEqualTo("myiscsipassword1");
		assertThat(cipher.decrypt(LEGACY_SHA1)).isEqualTo("legacypassword01");
	}

	@Test
	void readsPkcs8PrivateAndPkcs1PublicKeysToo() throws Exception {
		ChapCipher cipher = install("iscsi-gateway-pkcs8.key", "iscsi-gateway-pub-pkcs1.key");
		assertThat(cipher.decrypt(CURRENT)).isEqualTo("myiscsipassword1");
		assertThat(cipher.decrypt(LEGACY_SHA1)).isEqualTo("legacypassword01");
		assertThat(cipher.decrypt(cipher.encrypt("from-pkcs1-pub"))).isEqualTo("from-pkcs1-pub");
		PrivateKey pkcs1 = ChapCipher.parsePrivateKey(text("keys/iscsi-gateway.key"));
		PrivateKey pkcs8 = ChapCipher.parsePrivateKey(text("keys/iscsi-gateway-pkcs8.key"));
		assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
	}

	@Test
	void encryptsWithOaepSha256AndMgf1Sha256() throws Exception {
		ChapCipher cipher = install("iscsi-gateway.key", "iscsi-gateway-pub.key");
		String first = cipher.encrypt("Zürich-secret/1");
		String second = cipher.encrypt("Zürich-secret/1");
		assertThat(first).isNotEqualTo(second).hasSize(172).matches("[A-Za-z0-9+/]+=*");
		assertThat(cipher.decrypt(first)).isEqualTo("Zürich-secret/1");
		PrivateKey key = ChapCipher.parsePrivateKey(text("keys/iscsi-gateway.key"));
		byte[] ciphertext = Base64.getDecoder().decode(first);
		Cipher explicit = Cipher.getInstance("RSA/ECB/OAEPPadding");
		explicit.init(Cipher.DECRYPT_MODE, key,
				new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
		assertThat(new String(explicit.doFinal(ciphertext), StandardCharsets.UTF_8)).isEqualTo("Zürich-secret/1");
		// the JCE default for this name uses MGF1-SHA-1 and must not accept our values
		Cipher jceDefault = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
		jceDefault.init(Cipher.DECRYPT_MODE, key);
		assertThatExceptionOfType(BadPaddingException.class).isThrownBy(() -> jceDefault.doFinal(ciphertext));
	}

	@Test
	void undecryptableValuesFailWithCephIscsiMessageAndRevealAsNull() throws Exception {
		ChapCipher cipher = install("iscsi-gateway.key", "iscsi-gateway-pub.key");
		Cipher wrongMgf = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
		wrongMgf.init(Cipher.ENCRYPT_MODE, ChapCipher.parsePublicKey(text("keys/iscsi-gateway-pub.key")));
		String wrong = Base64.getEncoder().encodeToString(wrongMgf.doFinal("x".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(ChapCipherException.class).isThrownBy(() -> cipher.decrypt(wrong))
			.withMessage("Problems decoding the encrypted password");
		assertThatExceptionOfType(ChapCipherException.class).isThrownBy(() -> cipher.decrypt("myiscsipassword1"))
			.withMessage("Problems decoding the encrypted password");
		assertThat(cipher.reveal("not base64 ciphertext", true)).isNull();
		assertThat(cipher.reveal(CURRENT, true)).isEqualTo("myiscsipassword1");
		assertThat(cipher.reveal("plain", false)).isEqualTo("plain");
	}

	@Test
	void availableOnlyWhenBothKeyFilesExist() throws Exception {
		ChapCipher cipher = ChapCipher.inDirectory(this.dir, "iscsi-gateway.key", "iscsi-gateway-pub.key");
		assertThat(cipher.available()).isFalse();
		assertThat(cipher.protect("secret")).isEqualTo(new ChapCipher.Stored("secret", false));
		Files.write(this.dir.resolve("iscsi-gateway.key"), StateFixtures.bytes("keys/iscsi-gateway.key"));
		assertThat(cipher.available()).isFalse();
		assertThatExceptionOfType(ChapCipherException.class).isThrownBy(() -> cipher.encrypt("secret"))
			.withMessage("Encoding password failed");
		Files.write(this.dir.resolve("iscsi-gateway-pub.key"), StateFixtures.bytes("keys/iscsi-gateway-pub.key"));
		assertThat(cipher.available()).isTrue();
		ChapCipher.Stored stored = cipher.protect("secret");
		assertThat(stored.encrypted()).isTrue();
		assertThat(cipher.decrypt(stored.value())).isEqualTo("secret");
		assertThat(stored.toString()).doesNotContain(stored.value());
		// empty passwords stay empty, the flag still says "keys installed"
		assertThat(cipher.protect("")).isEqualTo(new ChapCipher.Stored("", true));
	}

	@Test
	void rejectsWhatIsNotAnRsaPemKey() {
		assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> ChapCipher
			.parsePrivateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"));
		assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> ChapCipher.parsePublicKey("hello"));
	}

	private static String text(String name) {
		return new String(StateFixtures.bytes(name), StandardCharsets.US_ASCII);
	}

}
