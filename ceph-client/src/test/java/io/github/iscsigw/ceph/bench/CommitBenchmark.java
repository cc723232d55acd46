package io.github.iscsigw.ceph.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import com.ceph.rados.IoCTX;
import com.sun.jna.Pointer;

import io.github.iscsigw.ceph.CephCluster;
import io.github.iscsigw.ceph.CephSettings;
import io.github.iscsigw.ceph.object.RadosObjectStore;
import io.github.iscsigw.ceph.object.VersionedObjectStore;
import io.github.iscsigw.ceph.rados.Errno;
import io.github.iscsigw.ceph.rados.LibRados;
import io.github.iscsigw.ceph.rados.NativeLibraries;

/**
 * What a commit costs on a real cluster compared with the cheapest possible write of the
 * same bytes, measured in one run with the variants interleaved (so background load hits
 * all of them alike). Run by {@code scripts/bench-ceph.sh}; prints a Markdown table.
 * <p>
 * Arguments: {@code <ceph.conf> [iterations for 20 KB] [iterations for 2 MB]}.
 */
public final class CommitBenchmark {

	private static final Errno.RadosObject SUBJECT = new Errno.RadosObject("rbd", "bench");

	private CommitBenchmark() {
	}

	public static void main(String[] args) {
		Path conf = Path.of(args[0]);
		int smallIterations = (args.length > 1) ? Integer.parseInt(args[1]) : 500;
		int largeIterations = (args.length > 2) ? Integer.parseInt(args[2]) : 100;
		LibRados lib = NativeLibraries.rados();
		try (CephCluster cluster = CephCluster.connect(CephSettings.forConfFile(conf));
				RadosObjectStore store = new RadosObjectStore(cluster, "rbd", Duration.ofSeconds(30),
						Duration.ofSeconds(15), Duration.ofSeconds(1))) {
			IoCTX io = cluster.ioContext("rbd");
			System.out.println("| document | operation | round trips | median ms | p99 ms | median vs floor |");
			System.out.println("|---|---|---|---|---|---|");
			run("20 KB", 20 * 1024, smallIterations, lib, io, store);
			run("2 MB", 2 * 1024 * 1024, largeIterations, lib, io, store);
		}
	}

	private static void run(String label, int size, int iterations, LibRados lib, IoCTX io, RadosObjectStore store) {
		byte[] document = new byte[size];
		new Random(size).nextBytes(document);
		String commitObject = "bench-commit-" + size;
		String rawObject = "bench-raw-" + size;
		String twoCallObject = "bench-two-" + size;
		store.createIfAbsent(commitObject);
		long epoch = store.epoch(commitObject);
		int warmup = Math.max(5, iterations / 10);
		long[] raw = new long[iterations];
		long[] twoCalls = new long[iterations];
		long[] commits = new long[iterations];
		for (int i = -warmup; i < iterations; i++) {
			byte[] epochBytes = Long.toString(i + warmup).getBytes(StandardCharsets.US_ASCII);
			long t0 = System.nanoTime();
			compoundWrite(lib, io.getPointer(), rawObject, document, epochBytes);
			long t1 = System.nanoTime();
			try {
				io.writeFull(twoCallObject, document, document.length);
			}
			catch (com.ceph.rados.exceptions.RadosException ex) {
				throw Errno.exception(ex, SUBJECT, "write");
			}
			setXattr(lib, io.getPointer(), twoCallObject, epochBytes);
			long t2 = System.nanoTime();
			epoch = store.commit(commitObject, document, epoch);
			long t3 = System.nanoTime();
			if (i >= 0) {
				raw[i] = t1 - t0;
				twoCalls[i] = t2 - t1;
				commits[i] = t3 - t2;
			}
		}
		double floor = percentile(raw, 50);
		print(label, "write_full + setxattr, one compound op (the floor)", "1", raw, floor);
		print(label, "write_full, then setxattr (two calls)", "2", twoCalls, floor);
		print(label, "commit: lock, guarded compound write, unlock", "3", commits, floor);
	}

	private static void compoundWrite(LibRados lib, Pointer io, String object, byte[] content, byte[] epoch) {
		Pointer op = lib.rados_create_write_op();
		try {
			lib.rados_write_op_write_full(op, content, content.length);
			lib.rados_write_op_setxattr(op, "epoch", epoch, epoch.length);
			Errno.check(lib.rados_write_op_operate(op, io, object, null, LibRados.OPERATION_NOFLAG), SUBJECT, "write");
		}
		finally {
			lib.rados_release_write_op(op);
		}
	}

	private static void setXattr(LibRados lib, Pointer io, String object, byte[] epoch) {
		Pointer op = lib.rados_create_write_op();
		try {
			lib.rados_write_op_setxattr(op, "epoch", epoch, epoch.length);
			Errno.check(lib.rados_write_op_operate(op, io, object, null, LibRados.OPERATION_NOFLAG), SUBJECT,
					"setxattr");
		}
		finally {
			lib.rados_release_write_op(op);
		}
	}

	private static void print(String label, String operation, String roundTrips, long[] samples, double floor) {
		double median = percentile(samples, 50);
		double p99 = percentile(samples, 99);
		System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2fx |", label, operation,
				roundTrips, median / 1e6, p99 / 1e6, median / floor));
	}

	private static double percentile(long[] samples, int percent) {
		long[] sorted = samples.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
