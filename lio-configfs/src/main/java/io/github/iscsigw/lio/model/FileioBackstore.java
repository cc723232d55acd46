package io.github.iscsigw.lio.model;

import java.util.List;

import io.github.iscsigw.lio.LioException;

/**
 * A file-backed device ({@code target_core_file}); the kernel creates the file if
 * missing.
 *
 * @param fileName absolute path of the backing file (as the writing process sees it)
 * @param size size in bytes
 * @param buffered buffered I/O with write cache emulation instead of O_DSYNC
 */
public record FileioBackstore(String fileName, long size, boolean buffered) implements Backstore {

	public FileioBackstore {
		if (fileName == null || !fileName.startsWith("/") || fileName.indexOf(',') >= 0 || fileName.indexOf('\n') >= 0
				|| fileName.length() > 4000) {
			throw new LioException("fd_dev_name must be an absolute path without ',' or newline");
		}
		if (size <= 0) {
			throw new LioException("fd_dev_size must be positive");
		}
	}

	@Override
	public BackstoreType type() {
		return BackstoreType.FILEIO;
	}

	@Override
	public List<String> controlWrites() {
		String w = "fd_dev_name=" + this.fileName + ",fd_dev_size=" + this.size;
		return List.of(this.buffered ? w + ",fd_buffered_io=1" : w);
	}

}
