package io.github.iscsigw.ceph.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image contract on the embedded implementation, plus its own promises: sparse files,
 * content restored by a rollback, pools as folders.
 */
class FileImageStoreTests extends ImageStoreContract {

	private FileImageStore store;

	private Path root;

	@BeforeAll
	void open(@TempDir Path root) {
		this.root = root;
		this.store = new FileImageStore(root, POOL);
	}

	@Override
	protected ImageStore store() {
		return this.store;
	}

	@Test
	void imagesAreSparseFilesInThePoolsFolder() throws IOException {
		String image = newImage();
		this.store.create(POOL, image, 1024 * MIB);
		Path data = this.store.dataFile(POOL, image);
		assertThat(data).startsWith(this.root.resolve(POOL)).hasFileName("data");
		assertThat(Files.size(data)).isEqualTo(1024 * MIB);
		assertThat(allocatedBytes(data)).as("bytes allocated").isLessThan(MIB);
		this.store.createSnapshot(POOL, image, "s");
		assertThat(allocatedBytes(this.root.resolve(POOL).resolve(image).resolve("snapshots/s")))
			.as("bytes allocated by the snapshot")
			.isLessThan(MIB);
		this.store.removeSnapshot(POOL, image, "s");
		this.store.delete(POOL, image);
	}

	@Test
	void aRollbackRestoresTheContent() throws IOException {
		String image = newImage();
		this.store.create(POOL, image, 8 * MIB);
		Path data = this.store.dataFile(POOL, image);
		write(data, 4 * MIB, "before");
		this.store.createSnapshot(POOL, image, "s");
		write(data, 4 * MIB, "after!");
		this.store.rollback(POOL, image, "s");
		assertThat(read(data, 4 * MIB, 6)).isEqualTo("before");
		this.store.removeSnapshot(POOL, image, "s");
		this.store.delete(POOL, image);
	}

	@Test
	void newPoolsGetNewIdsAndSurviveAReopen() {
		long first = this.store.poolId(POOL);
		long second = this.store.createPool("second-" + newImage());
		assertThat(second).isGreaterThan(first);
		assertThat(new FileImageStore(this.root).poolId(POOL)).isEqualTo(first);
	}

	private static long allocatedBytes(Path file) throws IOException {
		// what du reports: blocks actually allocated, in 512-byte units
		Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
		try {
			String out = new String(stat.getInputStream().readAllBytes()).trim();
			assertThat(stat.waitFor(10, TimeUnit.SECONDS)).isTrue();
			return Long.parseLong(out) * 512;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void write(Path file, long offset, String text) throws IOException {
		try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
			out.seek(offset);
			out.writeBytes(text);
		}
	}

	private static String read(Path file, long offset, int length) throws IOException {
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			byte[] bytes = new byte[length];
			in.seek(offset);
			in.readFully(bytes);
			return new String(bytes);
		}
	}

}
