package io.github.iscsigw.ceph.image;

/**
 * A snapshot of an image.
 *
 * @param name the snapshot name
 * @param size the image size when the snapshot was taken
 */
public record Snapshot(String name, long size) {
}
