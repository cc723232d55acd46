package io.github.iscsigw.gateway.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.model.BackstoreType;
import io.github.iscsigw.lio.model.StorageObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's ledger: the targets and storage objects it created and has not yet
 * removed. It lets a later pass (also after a restart) remove an object whose entry has
 * left the document, while objects that never were ours stay untouched. Kept in a small
 * text file ({@code target <iqn>} / {@code so <type>/<name>} lines); when the file cannot
 * be written the ledger still works from memory and says so once.
 */
public final class ManagedObjects {

	private static final Logger log = LoggerFactory.getLogger(ManagedObjects.class);

	private final Path file;

	private final Set<String> targets = new TreeSet<>();

	private final Set<StorageObjectId> storageObjects = new TreeSet<>();

	private boolean warned;

	private ManagedObjects(Path file) {
		this.file = file;
	}

	/**
	 * A ledger kept only in memory.
	 * @return the ledger
	 */
	public static ManagedObjects inMemory() {
		return new ManagedObjects(null);
	}

	/**
	 * A ledger kept in {@code file}, loaded from it if it exists.
	 * @param file the file
	 * @return the ledger
	 */
	public static ManagedObjects in(Path file) {
		ManagedObjects ledger = new ManagedObjects(file);
		ledger.load();
		return ledger;
	}

	/**
	 * Targets created by the reconciler.
	 * @return IQNs
	 */
	public synchronized Set<String> targets() {
		return Set.copyOf(this.targets);
	}

	/**
	 * Storage objects created by the reconciler.
	 * @return ids
	 */
	public synchronized Set<StorageObjectId> storageObjects() {
		return Set.copyOf(this.storageObjects);
	}

	/**
	 * After a successful pass: exactly these exist now.
	 * @param targets IQNs
	 * @param storageObjects ids
	 */
	public synchronized void replace(Collection<String> targets, Collection<StorageObjectId> storageObjects) {
		if (this.targets.equals(new TreeSet<>(targets)) && this.storageObjects.equals(new TreeSet<>(storageObjects))) {
			return;
		}
		this.targets.clear();
		this.storageObjects.clear();
		this.targets.addAll(targets);
		this.storageObjects.addAll(storageObjects);
		save();
	}

	/**
	 * After a failed pass: these may exist now (besides what was there).
	 * @param targets IQNs
	 * @param storageObjects ids
	 */
	public synchronized void add(Collection<String> targets, Collection<StorageObjectId> storageObjects) {
		boolean changed = this.targets.addAll(targets) | this.storageObjects.addAll(storageObjects);
		if (changed) {
			save();
		}
	}

	private void load() {
		if (!Files.isRegularFile(this.file)) {
			return;
		}
		try {
			for (String line : Files.readAllLines(this.file, StandardCharsets.UTF_8)) {
				String l = line.strip();
				try {
					if (l.startsWith("target ")) {
						this.targets.add(l.substring(7).strip());
					}
					else if (l.startsWith("so ")) {
						String id = l.substring(3).strip();
						int slash = id.indexOf('/');
						this.storageObjects.add(
								new StorageObjectId(BackstoreType.of(id.substring(0, slash)), id.substring(slash + 1)));
					}
				}
				catch (LioException | IndexOutOfBoundsException ex) {
					log.warn("ignoring line '{}' of {}", l, this.file);
				}
			}
		}
		catch (IOException ex) {
			log.warn("cannot read {}: {}; starting with an empty ledger", this.file, ex.getMessage());
		}
	}

	private void save() {
		if (this.file == null) {
			return;
		}
		List<String> lines = new ArrayList<>();
		lines.add("# targets and storage objects the reconciler created (do not edit)");
		this.targets.forEach((t) -> lines.add("target " + t));
		this.storageObjects.forEach((so) -> lines.add("so " + so));
		try {
			Files.createDirectories(this.file.getParent());
			Path tmp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
			Files.write(tmp, lines, StandardCharsets.UTF_8);
			Files.move(tmp, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			if (!this.warned) {
				log.warn("cannot write the reconciler ledger {} ({}); keeping it in memory", this.file,
						ex.getMessage());
				this.warned = true;
			}
		}
	}

}
