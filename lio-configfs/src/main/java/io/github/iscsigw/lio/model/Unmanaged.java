package io.github.iscsigw.lio.model;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Objects this module must not touch although they live where it looks: glob patterns
 * (java.nio {@code glob:} syntax) on target IQNs and on storage object ids
 * ({@code <type>/<name>}, e.g. {@code fileio/scratch*}). Unmanaged objects are not
 * observed, so they are never changed or deleted. Other fabrics and other backstore types
 * are never looked at in the first place.
 *
 * @param targets IQN patterns
 * @param storageObjects storage object id patterns
 */
public record Unmanaged(List<String> targets, List<String> storageObjects) {

	/** Everything in the managed places is managed. */
	public static final Unmanaged NONE = new Unmanaged(List.of(), List.of());

	public Unmanaged {
		targets = (targets == null) ? List.of() : targets.stream().sorted().toList();
		storageObjects = (storageObjects == null) ? List.of() : storageObjects.stream().sorted().toList();
	}

	/**
	 * Whether a target is excluded.
	 * @param iqn the target IQN
	 * @return true if a pattern matches
	 */
	public boolean target(String iqn) {
		return matches(this.targets, iqn);
	}

	/**
	 * Whether a storage object is excluded.
	 * @param id the object
	 * @return true if a pattern matches
	 */
	public boolean storageObject(StorageObjectId id) {
		return matches(this.storageObjects, id.toString());
	}

	private static boolean matches(List<String> patterns, String value) {
		for (String p : patterns) {
			PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
			if (m.matches(Path.of(value))) {
				return true;
			}
		}
		return false;
	}

}
