package io.github.iscsigw.ceph.object;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iscsigw.ceph.CephCluster;
import io.github.iscsigw.ceph.CephSettings;

/**
 * A second process that takes a store's commit lock: the other side of the contract's
 * lock-contention tests. Prints {@code LOCKED} once it holds the lock, then either keeps
 * it for a while and releases it, or dies without releasing it ({@code crash}).
 * <p>
 * Arguments: {@code file
 *
<dir>
 *  | rados <ceph.conf> <pool>}, then
 * {@code <object> <holdMillis> release|crash <lockDurationMillis>}.
 */
public final class LockHolderProcess {

	private LockHolderProcess() {
	}

	public static void main(String[] args) throws Exception {
		int i = 0;
		String kind = args[i++];
		AutoCloseable cluster = null;
		VersionedObjectStore store;
		if (kind.equals("file")) {
			store = new FileObjectStore(Path.of(args[i++]));
		}
		else {
			Path conf = Path.of(args[i++]);
			String pool = args[i++];
			CephCluster connected = CephCluster.connect(CephSettings.forConfFile(conf).withPool(pool));
			cluster = connected;
			store = null;
			// the lock duration is what a crashed holder leaves behind
			long durationMillis = Long.parseLong(args[args.length - 1]);
			store = new RadosObjectStore(connected, pool, Duration.ofSeconds(30), Duration.ofMillis(durationMillis),
					Duration.ofSeconds(1));
		}
		String object = args[i++];
		long holdMillis = Long.parseLong(args[i++]);
		boolean crash = args[i].equals("crash");
		LockableStore.Lease lease = ((LockableStore) store).lock(object);
		System.out.println("LOCKED");
		System.out.flush();
		if (crash) {
			// no unlock, no shutdown: what a killed gateway leaves behind
			Runtime.getRuntime().halt(3);
		}
		Thread.sleep(holdMillis);
		lease.close();
		store.close();
		if (cluster != null) {
			cluster.close();
		}
		System.out.println("RELEASED");
	}

	/**
	 * Starts the holder and waits until it holds the lock.
	 * @param args the arguments described above
	 * @return the running process (the caller must stop it)
	 */
	static Process start(List<String> args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx64m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xshare:auto");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(LockHolderProcess.class.getName());
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder seen = new StringBuilder();
		Thread reader = new Thread(() -> {
			try {
				String line;
				while ((line = out.readLine()) != null) {
					synchronized (seen) {
						seen.append(line).append('\n');
					}
				}
			}
			catch (IOException ex) {
				// process gone
			}
		}, "lock-holder-output");
		reader.setDaemon(true);
		reader.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			synchronized (seen) {
				if (seen.toString().contains("LOCKED")) {
					return process;
				}
			}
			if (!process.isAlive() && !reader.isAlive()) {
				break;
			}
			Thread.sleep(20);
		}
		process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		synchronized (seen) {
			throw new IllegalStateException("the lock holder did not take the lock: " + seen);
		}
	}

	static void stop(Process process) throws InterruptedException {
		if (process != null) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
