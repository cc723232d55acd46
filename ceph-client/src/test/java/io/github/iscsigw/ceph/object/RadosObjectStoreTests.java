package io.github.iscsigw.ceph.object;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.iscsigw.ceph.CephClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The parts of the RADOS store that need no cluster. */
class RadosObjectStoreTests {

	@Test
	void epochsAreAsciiDigitsAndToleratePythonAndRadosJavaSpellings() {
		assertThat(RadosObjectStore.epochBytes(27)).isEqualTo("27".getBytes(StandardCharsets.US_ASCII));
		assertThat(RadosObjectStore.epochBytes(VersionedObjectStore.NO_EPOCH)).isEmpty();
		assertThat(RadosObjectStore.parseEpoch("o", "27".getBytes(StandardCharsets.US_ASCII))).isEqualTo(27);
		assertThat(RadosObjectStore.parseEpoch("o", "27\0".getBytes(StandardCharsets.US_ASCII))).isEqualTo(27);
		assertThat(RadosObjectStore.parseEpoch("o", " 3\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(3);
		assertThat(RadosObjectStore.parseEpoch("o", null)).isEqualTo(VersionedObjectStore.NO_EPOCH);
		assertThat(RadosObjectStore.parseEpoch("o", new byte[0])).isEqualTo(VersionedObjectStore.NO_EPOCH);
		assertThatExceptionOfType(CephClientException.class)
			.isThrownBy(() -> RadosObjectStore.parseEpoch("gateway.conf", "x1".getBytes(StandardCharsets.US_ASCII)))
			.withMessageContaining("gateway.conf");
	}

	@Test
	void aHolderIsBlocklistedByItsAddressOrItsWholeIp() {
		Set<String> blocklist = Set.of("10.0.0.1:0/1234", "10.0.0.2:0/0");
		assertThat(RadosObjectStore.isBlocklisted("10.0.0.1:0/1234", blocklist)).isTrue();
		assertThat(RadosObjectStore.isBlocklisted("v1:10.0.0.1:0/1234", blocklist)).isTrue();
		assertThat(RadosObjectStore.isBlocklisted("10.0.0.1:0/999", blocklist)).isFalse();
		assertThat(RadosObjectStore.isBlocklisted("v1:10.0.0.2:0/777", blocklist)).isTrue();
		assertThat(RadosObjectStore.isBlocklisted("10.0.0.3:0/1234", blocklist)).isFalse();
	}

	@Test
	void theLockAssertionIsEncodedAsCephsClsLockAssertOp() {
		// ENCODE_START(1, 1): version 1, compat 1, u32 length; then name, type u8 (1 =
		// exclusive), cookie, tag, each string as u32 length + bytes, little-endian
		byte[] encoded = RadosObjectStore.ClsLock.assertLockedInput("lock", "config");
		assertThat(HexFormat.of().formatHex(encoded))
			.isEqualTo("0101" + "17000000" + "04000000" + "6c6f636b" + "01" + "06000000" + "636f6e666967" + "00000000");
	}

}
