package io.github.iscsigw.ceph.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.iscsigw.ceph.CephClientException;

/**
 * Embedded {@link ImageStore}: a pool is a folder under the data folder, an image a
 * folder holding a sparse file {@code data} (what a fileio backstore serves) and its
 * feature bits, a snapshot a sparse copy of {@code data} (a reflink where the filesystem
 * offers one). Errors are the same as {@link RbdImageStore}'s.
 * <p>
 * Layout: {@code <root>/<pool>/.pool-id}, {@code <root>/<pool>/<image>/data},
 * {@code <root>/<pool>/<image>/features}, {@code <root>/<pool>/<image>/snapshots/<name>}.
 * Calls are serialised per store; one process owns a data folder.
 */
public final class FileImageStore implements ImageStore {

	private static final String DATA = "data";

	private static final String FEATURES = "features";

	private static final String SNAPSHOTS = "snapshots";

	private static final String POOL_ID = ".pool-id";

	private final Path root;

	/**
	 * A store in {@code root}, creating the given pools if they are missing.
	 * @param root the data folder
	 * @param pools pools that must exist (e.g. {@code rbd})
	 */
	public FileImageStore(Path root, String... pools) {
		this.root = root;
		try {
			Files.createDirectories(root);
		}
		catch (IOException ex) {
			throw new CephClientException("cannot create image folder " + root + ": " + ex, ex);
		}
		for (String pool : pools) {
			if (!poolExists(pool)) {
				createPool(pool);
			}
		}
	}

	/**
	 * Creates a pool (a folder with a new id).
	 * @param pool the pool name
	 * @return the new pool's id
	 */
	public synchronized long createPool(String pool) {
		Path folder = this.root.resolve(Names.pool(pool));
		long id = 1;
		try (DirectoryStream<Path> pools = Files.newDirectoryStream(this.root, Files::isDirectory)) {
			for (Path existing : pools) {
				id = Math.max(id, readPoolId(existing) + 1);
			}
			Files.createDirectory(folder);
			Files.writeString(folder.resolve(POOL_ID), Long.toString(id), StandardCharsets.US_ASCII);
			return id;
		}
		catch (FileAlreadyExistsException ex) {
			throw new CephClientException("pool " + pool + " already exists");
		}
		catch (IOException ex) {
			throw io("create pool " + pool, ex);
		}
	}

	/**
	 * The sparse file holding an image's content (for a fileio backstore).
	 * @param pool the pool
	 * @param image the image
	 * @return the path (it exists only if the image does)
	 */
	public Path dataFile(String pool, String image) {
		return imageFolder(pool, image).resolve(DATA);
	}

	@Override
	public synchronized boolean poolExists(String pool) {
		return Files.isRegularFile(this.root.resolve(Names.pool(pool)).resolve(POOL_ID));
	}

	@Override
	public synchronized long poolId(String pool) {
		return readPoolId(poolFolder(pool));
	}

	private static long readPoolId(Path poolFolder) {
		try {
			return Long.parseLong(Files.readString(poolFolder.resolve(POOL_ID), StandardCharsets.US_ASCII).trim());
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
	}

	@Override
	public synchronized boolean imageExists(String pool, String image) {
		poolFolder(pool);
		return Files.isRegularFile(dataFile(pool, image));
	}

	@Override
	public synchronized ImageInfo info(String pool, String image) {
		Path folder = existingImage(pool, image);
		try {
			long size = Files.size(folder.resolve(DATA));
			long features = Long
				.parseLong(Files.readString(folder.resolve(FEATURES), StandardCharsets.US_ASCII).trim());
			return new ImageInfo(pool, image, size, features);
		}
		catch (NoSuchFileException ex) {
			throw new ImageNotFoundException(pool, image);
		}
		catch (IOException | NumberFormatException ex) {
			throw new CephClientException("cannot read rbd image " + pool + "/" + image + ": " + ex, ex);
		}
	}

	@Override
	public synchronized List<String> list(String pool) {
		Path folder = poolFolder(pool);
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.filter((path) -> Files.isRegularFile(path.resolve(DATA)))
				.map((path) -> path.getFileName().toString())
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw io("list pool " + pool, ex);
		}
	}

	@Override
	public synchronized void create(String pool, String image, long sizeBytes, long features) {
		Names.size(sizeBytes);
		Path folder = imageFolder(pool, image);
		poolFolder(pool);
		try {
			Files.createDirectory(folder);
		}
		catch (FileAlreadyExistsException ex) {
			if (Files.exists(folder.resolve(DATA))) {
				throw new ImageExistsException(pool, image);
			}
			// left over by an interrupted create: finish it
		}
		catch (IOException ex) {
			throw io("create rbd image " + pool + "/" + image, ex);
		}
		try {
			Files.createDirectories(folder.resolve(SNAPSHOTS));
			Files.writeString(folder.resolve(FEATURES), Long.toString(features), StandardCharsets.US_ASCII);
			Path tmp = folder.resolve(".data.tmp");
			try (RandomAccessFile file = new RandomAccessFile(tmp.toFile(), "rw")) {
				file.setLength(sizeBytes);
			}
			// the data file appears last and atomically: it is what makes the image exist
			Files.move(tmp, folder.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw io("create rbd image " + pool + "/" + image, ex);
		}
	}

	@Override
	public synchronized void resize(String pool, String image, long newSizeBytes) {
		Names.size(newSizeBytes);
		Path data = existingImage(pool, image).resolve(DATA);
		try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
			long current = file.length();
			if (newSizeBytes < current) {
				throw new InvalidImageSizeException("cannot shrink rbd image " + pool + "/" + image + " from " + current
						+ " to " + newSizeBytes + " bytes", current, newSizeBytes);
			}
			if (newSizeBytes > current) {
				file.setLength(newSizeBytes);
			}
		}
		catch (IOException ex) {
			throw io("resize rbd image " + pool + "/" + image, ex);
		}
	}

	@Override
	public synchronized void createSnapshot(String pool, String image, String snapshot) {
		Path folder = existingImage(pool, image);
		Path target = folder.resolve(SNAPSHOTS).resolve(Names.snapshot(snapshot));
		if (Files.exists(target)) {
			throw new SnapshotExistsException(pool, image, snapshot);
		}
		Path tmp = folder.resolve(SNAPSHOTS).resolve("." + snapshot + ".tmp");
		sparseCopy(folder.resolve(DATA), tmp);
		try {
			// creation order = snapshot order; the copy's mtime is the data's, so stamp
			// it
			Files.setLastModifiedTime(tmp, FileTime.fromMillis(System.currentTimeMillis()));
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw io("create snapshot " + snapshot + " of " + pool + "/" + image, ex);
		}
	}

	@Override
	public synchronized List<Snapshot> snapshots(String pool, String image) {
		Path folder = existingImage(pool, image).resolve(SNAPSHOTS);
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
				(path) -> !path.getFileName().toString().startsWith("."))) {
			entries.forEach(files::add);
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw io("list snapshots of " + pool + "/" + image, ex);
		}
		files.sort(Comparator.comparing(FileImageStore::modified).thenComparing(Path::toString));
		List<Snapshot> snapshots = new ArrayList<>();
		for (Path file : files) {
			try {
				snapshots.add(new Snapshot(file.getFileName().toString(), Files.size(file)));
			}
			catch (IOException ex) {
				throw io("list snapshots of " + pool + "/" + image, ex);
			}
		}
		return snapshots;
	}

	private static FileTime modified(Path path) {
		try {
			return Files.getLastModifiedTime(path);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	@Override
	public synchronized void rollback(String pool, String image, String snapshot) {
		Path folder = existingImage(pool, image);
		Path source = existingSnapshot(folder, pool, image, snapshot);
		Path tmp = folder.resolve(".rollback.tmp");
		sparseCopy(source, tmp);
		try {
			Files.move(tmp, folder.resolve(DATA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw io("roll back " + pool + "/" + image + " to " + snapshot, ex);
		}
	}

	@Override
	public synchronized void removeSnapshot(String pool, String image, String snapshot) {
		Path folder = existingImage(pool, image);
		try {
			Files.delete(existingSnapshot(folder, pool, image, snapshot));
		}
		catch (IOException ex) {
			throw io("remove snapshot " + snapshot + " of " + pool + "/" + image, ex);
		}
	}

	@Override
	public synchronized void delete(String pool, String image, Duration busyTimeout, Duration retryInterval) {
		Path folder = existingImage(pool, image);
		if (!snapshots(pool, image).isEmpty()) {
			throw new ImageHasSnapshotsException(pool, image);
		}
		try {
			// the data file goes first: from then on the image does not exist
			Files.delete(folder.resolve(DATA));
			try (Stream<Path> walk = Files.walk(folder)) {
				for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
		catch (IOException ex) {
			throw io("delete rbd image " + pool + "/" + image, ex);
		}
	}

	@Override
	public void close() {
		// nothing held open
	}

	private Path poolFolder(String pool) {
		Path folder = this.root.resolve(Names.pool(pool));
		if (!Files.isRegularFile(folder.resolve(POOL_ID))) {
			throw new PoolNotFoundException(pool);
		}
		return folder;
	}

	private Path imageFolder(String pool, String image) {
		return this.root.resolve(Names.pool(pool)).resolve(Names.image(image));
	}

	private Path existingImage(String pool, String image) {
		poolFolder(pool);
		Path folder = imageFolder(pool, image);
		if (!Files.isRegularFile(folder.resolve(DATA))) {
			throw new ImageNotFoundException(pool, image);
		}
		return folder;
	}

	private static Path existingSnapshot(Path imageFolder, String pool, String image, String snapshot) {
		Path file = imageFolder.resolve(SNAPSHOTS).resolve(Names.snapshot(snapshot));
		if (!Files.isRegularFile(file)) {
			throw new SnapshotNotFoundException(pool, image, snapshot);
		}
		return file;
	}

	/**
	 * Copies keeping holes: {@code cp --reflink=auto --sparse=always} where available (a
	 * reflink on btrfs/XFS, SEEK_DATA otherwise), else a copy that skips zero blocks.
	 */
	private static void sparseCopy(Path from, Path to) {
		try {
			Files.deleteIfExists(to);
			if (copyWithCp(from, to)) {
				return;
			}
			copySkippingZeros(from, to);
		}
		catch (IOException ex) {
			throw io("copy " + from + " to " + to, ex);
		}
	}

	private static boolean copyWithCp(Path from, Path to) {
		try {
			Process cp = new ProcessBuilder("cp", "--reflink=auto", "--sparse=always", from.toString(), to.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!cp.waitFor(10, TimeUnit.MINUTES)) {
				cp.destroyForcibly();
				return false;
			}
			return cp.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CephClientException("interrupted while copying " + from, ex);
		}
	}

	private static void copySkippingZeros(Path from, Path to) throws IOException {
		try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
				FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
			long position = 0;
			while (true) {
				buffer.clear();
				int read = in.read(buffer, position);
				if (read <= 0) {
					break;
				}
				buffer.flip();
				if (!allZero(buffer)) {
					long at = position;
					while (buffer.hasRemaining()) {
						at += out.write(buffer, at);
					}
				}
				position += read;
			}
			out.truncate(position);
			if (out.size() < position) {
				out.write(ByteBuffer.allocate(1), position - 1);
			}
		}
	}

	private static boolean allZero(ByteBuffer buffer) {
		for (int i = buffer.position(); i < buffer.limit(); i++) {
			if (buffer.get(i) != 0) {
				return false;
			}
		}
		return true;
	}

	private static CephClientException io(String what, IOException ex) {
		return new CephClientException("cannot " + what + ": " + ex, ex);
	}

}
