package io.github.iscsigw.ceph.object;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on the embedded implementation. Peers are other stores on the same folder
 * (as a second gateway process would be); the lock holder is a second JVM.
 */
class FileObjectStoreIT extends VersionedObjectStoreContract {

	private Path dir;

	private FileObjectStore store;

	@BeforeAll
	void open(@TempDir Path dir) {
		this.dir = dir;
		this.store = new FileObjectStore(this.dir);
	}

	@AfterAll
	void close() {
		this.store.close();
	}

	@Override
	protected VersionedObjectStore store() {
		return this.store;
	}

	@Override
	protected VersionedObjectStore newPeer(Duration lockTimeout) {
		return new FileObjectStore(this.dir, lockTimeout, Duration.ofSeconds(1));
	}

	@Override
	protected List<String> lockHolderTarget() {
		return List.of("file", this.dir.toString());
	}

}
