package io.github.iscsigw.lio.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link Configfs} on a real directory tree through java.nio (used for the kernel's
 * configfs).
 */
final class NioConfigfs implements Configfs {

	private final Path root;

	NioConfigfs(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public Path root() {
		return this.root;
	}

	private Path resolve(String path) {
		return path.isEmpty() ? this.root : this.root.resolve(path);
	}

	@Override
	public List<Entry> list(String dir) {
		Path d = resolve(dir);
		List<Entry> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(d)) {
			for (Path p : stream) {
				// root can write anything, so the owner's mode bits are what tell an
				// attribute with a
				// store method from a read-only one
				PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				Kind kind = a.isSymbolicLink() ? Kind.SYMLINK : a.isDirectory() ? Kind.DIRECTORY : Kind.FILE;
				entries.add(new Entry(p.getFileName().toString(), kind,
						a.permissions().contains(PosixFilePermission.OWNER_READ),
						a.permissions().contains(PosixFilePermission.OWNER_WRITE)));
			}
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw fail("list", dir, ex);
		}
		entries.sort(Comparator.comparing(Entry::name));
		return entries;
	}

	@Override
	public boolean exists(String path) {
		return Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
	}

	@Override
	public String read(String path) {
		try {
			String v = Files.readString(resolve(path), StandardCharsets.UTF_8);
			return v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
		}
		catch (IOException ex) {
			throw fail("read", path, ex);
		}
	}

	@Override
	public void write(String path, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		// one write(2): configfs hands each write call to the attribute's store method
		// separately
		try (OutputStream out = Files.newOutputStream(resolve(path), StandardOpenOption.WRITE)) {
			out.write(bytes);
		}
		catch (IOException ex) {
			throw fail("write", path, ex);
		}
	}

	@Override
	public void mkdir(String path) {
		try {
			Files.createDirectory(resolve(path));
		}
		catch (IOException ex) {
			throw fail("mkdir", path, ex);
		}
	}

	@Override
	public void rmdir(String path) {
		try {
			Files.delete(resolve(path));
		}
		catch (IOException ex) {
			throw fail("rmdir", path, ex);
		}
	}

	@Override
	public void symlink(String path, String target) {
		try {
			Files.createSymbolicLink(resolve(path), resolve(target));
		}
		catch (IOException ex) {
			throw fail("symlink", path, ex);
		}
	}

	@Override
	public String readLink(String path) {
		Path link = resolve(path);
		try {
			Path t = Files.readSymbolicLink(link);
			Path abs = link.getParent().resolve(t).normalize();
			if (!abs.startsWith(this.root)) {
				// configfs answers relative to its mount point, e.g.
				// ../../target/core/...; a root that
				// is not called "target" would not match, so fall back to the part after
				// "target/"
				String s = t.toString();
				int i = s.indexOf("target/");
				return (i >= 0) ? s.substring(i + "target/".length()) : s;
			}
			return this.root.relativize(abs).toString();
		}
		catch (IOException ex) {
			throw fail("readlink", path, ex);
		}
	}

	@Override
	public void unlink(String path) {
		try {
			Files.delete(resolve(path));
		}
		catch (IOException ex) {
			throw fail("unlink", path, ex);
		}
	}

	static ConfigfsException fail(String op, String path, IOException ex) {
		String reason = (ex instanceof FileSystemException fse && fse.getReason() != null) ? fse.getReason()
				: ex.getClass().getSimpleName() + (ex.getMessage() != null ? ": " + ex.getMessage() : "");
		if (ex instanceof NoSuchFileException) {
			reason = "No such file or directory";
		}
		else if (ex instanceof java.nio.file.FileAlreadyExistsException) {
			reason = "File exists";
		}
		else if (ex instanceof java.nio.file.DirectoryNotEmptyException) {
			reason = "Directory not empty";
		}
		return new ConfigfsException(op, path, reason, ex);
	}

}
