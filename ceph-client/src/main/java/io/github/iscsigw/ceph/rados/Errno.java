package io.github.iscsigw.ceph.rados;

import java.util.Map;

import com.ceph.rados.exceptions.RadosException;
import com.ceph.rbd.RbdException;

import io.github.iscsigw.ceph.CephAccessDeniedException;
import io.github.iscsigw.ceph.CephClientException;
import io.github.iscsigw.ceph.CephUnavailableException;
import io.github.iscsigw.ceph.image.ImageBusyException;
import io.github.iscsigw.ceph.image.ImageExistsException;
import io.github.iscsigw.ceph.image.ImageHasSnapshotsException;
import io.github.iscsigw.ceph.image.ImageNotFoundException;
import io.github.iscsigw.ceph.image.PoolNotFoundException;
import io.github.iscsigw.ceph.image.SnapshotExistsException;
import io.github.iscsigw.ceph.image.SnapshotNotFoundException;
import io.github.iscsigw.ceph.object.ObjectNotFoundException;

/**
 * The one place where a negative errno from librados, librbd or rados-java becomes a
 * typed exception. Which exception depends on what the failed call addressed (a
 * {@link Subject}): {@code ENOENT} on a pool is {@link PoolNotFoundException}, on an
 * image {@link ImageNotFoundException}, and so on.
 * <p>
 * Codes that are an expected <em>outcome</em> of a call rather than a failure (a busy
 * lock, an exclusive create finding the object, a guard that did not match, a missing
 * xattr) are compared by the caller against the constants here before anything is thrown.
 */
public final class Errno {

	public static final int EPERM = 1;

	public static final int ENOENT = 2;

	public static final int EIO = 5;

	public static final int EAGAIN = 11;

	public static final int EACCES = 13;

	public static final int EBUSY = 16;

	public static final int EEXIST = 17;

	public static final int EINVAL = 22;

	public static final int ENOSPC = 28;

	public static final int EROFS = 30;

	public static final int ERANGE = 34;

	public static final int ENOTEMPTY = 39;

	public static final int ENODATA = 61;

	public static final int EOPNOTSUPP = 95;

	public static final int ENETUNREACH = 101;

	public static final int ENOTCONN = 107;

	/** Also what a blocklisted client gets ({@code EBLOCKLISTED}). */
	public static final int ESHUTDOWN = 108;

	public static final int ETIMEDOUT = 110;

	public static final int ECONNREFUSED = 111;

	public static final int EHOSTUNREACH = 113;

	public static final int EDQUOT = 122;

	public static final int ECANCELED = 125;

	private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(EPERM, "operation not permitted"),
			Map.entry(ENOENT, "no such file or directory"), Map.entry(EIO, "input/output error"),
			Map.entry(EAGAIN, "resource temporarily unavailable"), Map.entry(EACCES, "permission denied"),
			Map.entry(EBUSY, "device or resource busy"), Map.entry(EEXIST, "file exists"),
			Map.entry(EINVAL, "invalid argument"), Map.entry(ENOSPC, "no space left on device"),
			Map.entry(EROFS, "read-only file system"), Map.entry(ERANGE, "numerical result out of range"),
			Map.entry(ENOTEMPTY, "directory not empty"), Map.entry(ENODATA, "no data available"),
			Map.entry(EOPNOTSUPP, "operation not supported"), Map.entry(ENETUNREACH, "network is unreachable"),
			Map.entry(ENOTCONN, "not connected"), Map.entry(ESHUTDOWN, "client blocklisted or shut down"),
			Map.entry(ETIMEDOUT, "connection timed out"), Map.entry(ECONNREFUSED, "connection refused"),
			Map.entry(EHOSTUNREACH, "no route to host"), Map.entry(EDQUOT, "quota exceeded"),
			Map.entry(ECANCELED, "operation canceled"));

	private Errno() {
	}

	/**
	 * What a failed call addressed; decides which typed exception an errno becomes.
	 */
	public sealed interface Subject {

		/**
		 * Human-readable form used in messages.
		 * @return the description
		 */
		String describe();

	}

	/** The cluster as a whole (connecting, monitor commands). */
	public record Cluster(String description) implements Subject {

		@Override
		public String describe() {
			return this.description;
		}

	}

	/** A pool. */
	public record Pool(String pool) implements Subject {

		@Override
		public String describe() {
			return "pool " + this.pool;
		}

	}

	/** A RADOS object. */
	public record RadosObject(String pool, String name) implements Subject {

		@Override
		public String describe() {
			return "object " + this.pool + "/" + this.name;
		}

	}

	/** An RBD image. */
	public record Image(String pool, String image) implements Subject {

		@Override
		public String describe() {
			return "rbd image " + this.pool + "/" + this.image;
		}

	}

	/** A snapshot of an RBD image. */
	public record Snapshot(String pool, String image, String snapshot) implements Subject {

		@Override
		public String describe() {
			return "snapshot " + this.pool + "/" + this.image + "@" + this.snapshot;
		}

	}

	/**
	 * Passes a non-negative result through; turns a negative one into the typed
	 * exception.
	 * @param rc the C call's result
	 * @param subject what the call addressed
	 * @param operation what was attempted, for the message (e.g. "read")
	 * @return {@code rc} when it is not negative
	 */
	public static int check(int rc, Subject subject, String operation) {
		if (rc < 0) {
			throw exception(rc, subject, operation);
		}
		return rc;
	}

	/**
	 * Like {@link #check(int, Subject, String)} for {@code ssize_t} results.
	 * @param rc the C call's result
	 * @param subject what the call addressed
	 * @param operation what was attempted
	 * @return {@code rc} when it is not negative
	 */
	public static long check(long rc, Subject subject, String operation) {
		if (rc < 0) {
			throw exception((int) rc, subject, operation);
		}
		return rc;
	}

	/**
	 * Translates an exception thrown by rados-java (which carries the errno).
	 * @param ex the rados-java exception
	 * @param subject what the call addressed
	 * @param operation what was attempted
	 * @return the typed exception, to be thrown by the caller
	 */
	public static CephClientException exception(RadosException ex, Subject subject, String operation) {
		CephClientException translated = exception(ex.getReturnValue(), subject, operation);
		translated.initCause(ex);
		return translated;
	}

	/**
	 * Translates an exception thrown by rados-java's RBD part.
	 * @param ex the rados-java exception
	 * @param subject what the call addressed
	 * @param operation what was attempted
	 * @return the typed exception, to be thrown by the caller
	 */
	public static CephClientException exception(RbdException ex, Subject subject, String operation) {
		CephClientException translated = exception(ex.getReturnValue(), subject, operation);
		translated.initCause(ex);
		return translated;
	}

	/**
	 * The typed exception for a negative (or positive) errno.
	 * @param rc the errno, negative as returned by the C API, or positive
	 * @param subject what the call addressed
	 * @param operation what was attempted
	 * @return the exception, to be thrown by the caller
	 */
	public static CephClientException exception(int rc, Subject subject, String operation) {
		int errno = Math.abs(rc);
		String detail = operation + " " + subject.describe() + " failed: " + describe(errno);
		switch (errno) {
			case ENOENT:
				return notFound(subject, detail);
			case EEXIST:
				return exists(subject, detail);
			case EBUSY:
			case EROFS:
				// librbd reports a contended image exclusive lock as EROFS
				if (subject instanceof Image image) {
					return new ImageBusyException(image.pool(), image.image(), detail);
				}
				if (subject instanceof Snapshot snapshot) {
					return new ImageBusyException(snapshot.pool(), snapshot.image(), detail);
				}
				return new CephClientException(detail);
			case ENOTEMPTY:
				if (subject instanceof Image image) {
					return new ImageHasSnapshotsException(image.pool(), image.image());
				}
				return new CephClientException(detail);
			case EPERM:
			case EACCES:
				return new CephAccessDeniedException(detail);
			case ETIMEDOUT:
			case ENOTCONN:
			case ECONNREFUSED:
			case ENETUNREACH:
			case EHOSTUNREACH:
			case ESHUTDOWN:
				return new CephUnavailableException(detail);
			default:
				return new CephClientException(detail);
		}
	}

	/**
	 * A readable name for an errno.
	 * @param errno the errno, either sign
	 * @return e.g. {@code "device or resource busy (errno 16)"}
	 */
	public static String describe(int errno) {
		int positive = Math.abs(errno);
		return NAMES.getOrDefault(positive, "error") + " (errno " + positive + ")";
	}

	private static CephClientException notFound(Subject subject, String detail) {
		if (subject instanceof Pool pool) {
			return new PoolNotFoundException(pool.pool());
		}
		if (subject instanceof RadosObject object) {
			return new ObjectNotFoundException(object.name());
		}
		if (subject instanceof Image image) {
			return new ImageNotFoundException(image.pool(), image.image());
		}
		if (subject instanceof Snapshot snapshot) {
			return new SnapshotNotFoundException(snapshot.pool(), snapshot.image(), snapshot.snapshot());
		}
		return new CephClientException(detail);
	}

	private static CephClientException exists(Subject subject, String detail) {
		if (subject instanceof Image image) {
			return new ImageExistsException(image.pool(), image.image());
		}
		if (subject instanceof Snapshot snapshot) {
			return new SnapshotExistsException(snapshot.pool(), snapshot.image(), snapshot.snapshot());
		}
		return new CephClientException(detail);
	}

}
