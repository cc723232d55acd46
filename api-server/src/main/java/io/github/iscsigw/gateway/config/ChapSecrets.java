package io.github.iscsigw.gateway.config;

import java.util.Optional;

/**
 * Decrypts stored CHAP passwords with the key pair installed on this gateway
 * (gateway-conf.md §4).
 */
public interface ChapSecrets {

	/**
	 * Decrypts one stored value.
	 * @param stored the Base64 ciphertext
	 * @return the plain text, or empty when no key is installed or the value cannot be
	 * decrypted
	 */
	Optional<String> decrypt(String stored);

}
