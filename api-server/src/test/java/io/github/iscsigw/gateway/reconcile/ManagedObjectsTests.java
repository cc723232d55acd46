package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.github.iscsigw.lio.model.BackstoreType;
import io.github.iscsigw.lio.model.StorageObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ManagedObjectsTests {

	static final StorageObjectId DISK = new StorageObjectId(BackstoreType.USER, "rbd.disk_1");

	static final StorageObjectId FILE = new StorageObjectId(BackstoreType.FILEIO, "rbd.disk_2");

	@TempDir
	Path dir;

	@Test
	void survivesARestart() {
		Path file = this.dir.resolve("sub/gw1.managed");
		ManagedObjects.in(file).replace(List.of("iqn.2003-01.com.example:t1"), List.of(DISK, FILE));
		ManagedObjects again = ManagedObjects.in(file);
		assertThat(again.targets()).containsExactly("iqn.2003-01.com.example:t1");
		assertThat(again.storageObjects()).containsExactlyInAnyOrder(DISK, FILE);
	}

	@Test
	void addKeepsWhatWasThereReplaceForgetsIt() {
		ManagedObjects ledger = ManagedObjects.in(this.dir.resolve("gw1.managed"));
		ledger.replace(List.of("iqn.2003-01.com.example:t1"), List.of(DISK));
		ledger.add(List.of("iqn.2003-01.com.example:t2"), List.of(FILE));
		assertThat(ledger.targets()).containsExactlyInAnyOrder("iqn.2003-01.com.example:t1",
				"iqn.2003-01.com.example:t2");
		ledger.replace(List.of(), List.of(FILE));
		assertThat(ManagedObjects.in(this.dir.resolve("gw1.managed")).targets()).isEmpty();
		assertThat(ManagedObjects.in(this.dir.resolve("gw1.managed")).storageObjects()).containsExactly(FILE);
	}

	@Test
	void badLinesAreIgnoredAndAnUnwritableFileFallsBackToMemory() throws Exception {
		Path file = this.dir.resolve("gw1.managed");
		Files.writeString(file, "# comment\ntarget iqn.2003-01.com.example:t1\nso block/x\nso user\ngarbage\n");
		ManagedObjects ledger = ManagedObjects.in(file);
		assertThat(ledger.targets()).containsExactly("iqn.2003-01.com.example:t1");
		assertThat(ledger.storageObjects()).isEmpty();

		Path blocked = this.dir.resolve("a-file");
		Files.writeString(blocked, "x");
		ManagedObjects memory = ManagedObjects.in(blocked.resolve("gw1.managed"));
		memory.replace(Set.of("iqn.2003-01.com.example:t1"), Set.of(DISK));
		assertThat(memory.storageObjects()).containsExactly(DISK);
	}

}
