package io.github.iscsigw.ceph.rados;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librados C calls that rados-java 0.6.0 does not offer (or offers wrongly): advisory
 * locks, compound read and write operations, binary-safe xattrs, watch/notify and monitor
 * commands. Internal to this module; obtain it through {@link NativeLibraries#rados()}.
 * <p>
 * {@code size_t} and {@code ssize_t} are mapped to {@code long} (64-bit Linux only, like
 * Debian's ceph packages). Every {@code int} result is {@code 0}/positive or a negative
 * errno, to be passed to {@link Errno}.
 */
public interface LibRados extends Library {

	/** {@code LIBRADOS_CMPXATTR_OP_EQ}. */
	byte CMPXATTR_OP_EQ = 1;

	/** {@code LIBRADOS_CREATE_EXCLUSIVE}. */
	int CREATE_EXCLUSIVE = 1;

	/** {@code LIBRADOS_OPERATION_NOFLAG}. */
	int OPERATION_NOFLAG = 0;

	/** {@code struct timeval} on 64-bit Linux. */
	@Structure.FieldOrder({ "tv_sec", "tv_usec" })
	class TimeVal extends Structure {

		public long tv_sec;

		public long tv_usec;

		public TimeVal() {
		}

		public TimeVal(long millis) {
			this.tv_sec = millis / 1000;
			this.tv_usec = (millis % 1000) * 1000;
		}

	}

	// cluster handle ------------------------------------------------------------------

	Pointer rados_ioctx_get_cluster(Pointer io);

	int rados_getaddrs(Pointer cluster, PointerByReference addrs);

	long rados_get_instance_id(Pointer cluster);

	int rados_blocklist_add(Pointer cluster, String clientAddress, int expireSeconds);

	int rados_watch_flush(Pointer cluster);

	int rados_mon_command(Pointer cluster, StringArray cmd, long cmdLen, byte[] inBuf, long inBufLen,
			PointerByReference outBuf, LongByReference outBufLen, PointerByReference outs, LongByReference outsLen);

	void rados_buffer_free(Pointer buffer);

	// binary-safe xattrs (rados-java's String variants add or expect a trailing NUL)
	// -------

	int rados_getxattr(Pointer io, String oid, String name, byte[] buf, long len);

	// advisory locks (cls_lock)
	// ----------------------------------------------------------

	int rados_lock_exclusive(Pointer io, String oid, String name, String cookie, String description, TimeVal duration,
			byte flags);

	int rados_unlock(Pointer io, String oid, String name, String cookie);

	int rados_break_lock(Pointer io, String oid, String name, String client, String cookie);

	long rados_list_lockers(Pointer io, String oid, String name, IntByReference exclusive, byte[] tag,
			LongByReference tagLen, byte[] clients, LongByReference clientsLen, byte[] cookies,
			LongByReference cookiesLen, byte[] addrs, LongByReference addrsLen);

	// compound write operations
	// ----------------------------------------------------------

	Pointer rados_create_write_op();

	void rados_release_write_op(Pointer op);

	void rados_write_op_create(Pointer op, int exclusive, String category);

	void rados_write_op_assert_exists(Pointer op);

	void rados_write_op_cmpxattr(Pointer op, String name, byte comparisonOperator, byte[] value, long valueLen);

	void rados_write_op_write_full(Pointer op, byte[] buffer, long len);

	void rados_write_op_setxattr(Pointer op, String name, byte[] value, long valueLen);

	void rados_write_op_exec(Pointer op, String cls, String method, byte[] inBuf, long inLen, IntByReference prval);

	int rados_write_op_operate(Pointer op, Pointer io, String oid, Pointer mtime, int flags);

	// compound read operations
	// -----------------------------------------------------------

	Pointer rados_create_read_op();

	void rados_release_read_op(Pointer op);

	void rados_read_op_stat(Pointer op, LongByReference size, Pointer mtime, IntByReference prval);

	void rados_read_op_read(Pointer op, long offset, long len, Pointer buffer, LongByReference bytesRead,
			IntByReference prval);

	void rados_read_op_getxattrs(Pointer op, PointerByReference iter, IntByReference prval);

	int rados_getxattrs_next(Pointer iter, PointerByReference name, PointerByReference value, LongByReference len);

	void rados_getxattrs_end(Pointer iter);

	int rados_read_op_operate(Pointer op, Pointer io, String oid, int flags);

	// watch / notify
	// ---------------------------------------------------------------------

	/** {@code rados_watchcb2_t}. */
	interface WatchCallback extends Callback {

		void invoke(Pointer arg, long notifyId, long cookie, long notifierId, Pointer data, long dataLen);

	}

	/** {@code rados_watcherrcb_t}. */
	interface WatchErrorCallback extends Callback {

		void invoke(Pointer arg, long cookie, int err);

	}

	int rados_watch2(Pointer io, String oid, LongByReference cookie, WatchCallback callback,
			WatchErrorCallback errorCallback, Pointer arg);

	int rados_watch_check(Pointer io, long cookie);

	int rados_unwatch2(Pointer io, long cookie);

	int rados_notify_ack(Pointer io, String oid, long notifyId, long cookie, byte[] buf, int bufLen);

	int rados_notify2(Pointer io, String oid, byte[] buf, int bufLen, long timeoutMillis, PointerByReference reply,
			LongByReference replyLen);

}
