package io.github.iscsigw.gateway.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class IscsiPortalProbeTests {

	private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

	@TempDir
	Path dir;

	@Test
	void listenerOn3260InTcp() throws IOException {
		Files.writeString(this.dir.resolve("tcp"), HEADER
				+ "   0: 00000000:0CBC 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1\n");
		assertThat(new IscsiPortalProbe(this.dir, false).isListening()).isTrue();
	}

	@Test
	void listenerOn3260InTcp6Only() throws IOException {
		Files.writeString(this.dir.resolve("tcp"), HEADER);
		Files.writeString(this.dir.resolve("tcp6"), HEADER
				+ "   0: 00000000000000000000000000000000:0CBC 00000000000000000000000000000000:0000 0A 0 0 0 0 0 1\n");
		assertThat(new IscsiPortalProbe(this.dir, false).isListening()).isTrue();
	}

	@Test
	void establishedConnectionOrOtherPortIsNotAListener() throws IOException {
		Files.writeString(this.dir.resolve("tcp"), HEADER + "   0: 0100007F:0CBC 0100007F:D431 01 0 0 0 0 0 1\n"
				+ "   1: 00000000:1388 00000000:0000 0A 0 0 0 0 0 1\n");
		assertThat(new IscsiPortalProbe(this.dir, false).isListening()).isFalse();
	}

	@Test
	void missingTablesMeanNoListenerUnlessSimulated() {
		assertThat(new IscsiPortalProbe(this.dir, false).isListening()).isFalse();
		assertThat(new IscsiPortalProbe(this.dir, true).isListening()).isTrue();
	}

}
