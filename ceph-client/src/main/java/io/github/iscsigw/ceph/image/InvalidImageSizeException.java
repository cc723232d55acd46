package io.github.iscsigw.ceph.image;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The requested size is not allowed: zero or negative, or smaller than the current size
 * (images only grow).
 */
public class InvalidImageSizeException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final long currentSize;

	private final long requestedSize;

	public InvalidImageSizeException(String message, long currentSize, long requestedSize) {
		super(message);
		this.currentSize = currentSize;
		this.requestedSize = requestedSize;
	}

	public long currentSize() {
		return this.currentSize;
	}

	public long requestedSize() {
		return this.requestedSize;
	}

}
