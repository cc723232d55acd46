package io.github.iscsigw.ceph.object;

import java.util.Arrays;

/**
 * The content of an object and the epoch stored beside it.
 *
 * @param content the object's bytes (never {@code null}, may be empty)
 * @param epoch the value of the {@code epoch} xattr, or
 * {@link VersionedObjectStore#NO_EPOCH} when the object has none yet
 */
public record VersionedObject(byte[] content, long epoch) {

	public VersionedObject {
		content = content.clone();
	}

	@Override
	public byte[] content() {
		return this.content.clone();
	}

	public boolean isEmpty() {
		return this.content.length == 0;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof VersionedObject that && this.epoch == that.epoch
				&& Arrays.equals(this.content, that.content);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.content) + Long.hashCode(this.epoch);
	}

	@Override
	public String toString() {
		return "VersionedObject[" + this.content.length + " bytes, epoch=" + this.epoch + "]";
	}

}
