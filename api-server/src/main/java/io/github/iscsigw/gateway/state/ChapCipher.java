package io.github.iscsigw.gateway.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Encrypts and decrypts CHAP passwords as ceph-iscsi stores them (gateway-conf.md §4):
 * RSA-OAEP with SHA-256 for both the digest and MGF1, standard Base64; decryption falls
 * back to OAEP SHA-1/MGF1-SHA-1 for values written by old python-crypto based versions.
 * Keys are PEM files in {@code ceph_config_dir} (private: PKCS#1 or PKCS#8, unencrypted;
 * public: X.509 SubjectPublicKeyInfo or PKCS#1), read when used so that installing or
 * removing them takes effect at once, as in ceph-iscsi.
 */
public final class ChapCipher {

	static final String ENCODE_FAILED = "Encoding password failed";

	static final String DECODE_FAILED = "Problems decoding the encrypted password";

	// Not "RSA/ECB/OAEPWithSHA-256AndMGF1Padding": that JCE name means MGF1-SHA-1 (§4.2).
	private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
			MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

	private static final OAEPParameterSpec OAEP_SHA1 = new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
			PSource.PSpecified.DEFAULT);

	private static final Pattern PEM = Pattern.compile(
			"-----BEGIN ([A-Z0-9 ]+)-----\\s*(?:(?:[A-Za-z-]+:[^\\n]*\\n)+\\s*)?([A-Za-z0-9+/=\\s]+)-----END \\1-----");

	/** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
	private static final byte[] RSA_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
			(byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	private final Path privateKeyFile;

	private final Path publicKeyFile;

	private volatile CachedKey<PrivateKey> privateKey;

	private volatile CachedKey<PublicKey> publicKey;

	/**
	 * A cipher over two key files.
	 * @param privateKeyFile the PEM private key ({@code priv_key})
	 * @param publicKeyFile the PEM public key ({@code pub_key})
	 */
	public ChapCipher(Path privateKeyFile, Path publicKeyFile) {
		this.privateKeyFile = privateKeyFile;
		this.publicKeyFile = publicKeyFile;
	}

	/**
	 * The key files as ceph-iscsi finds them: {@code os.path.join(ceph_config_dir, name)}
	 * (an absolute name wins).
	 * @param cephConfigDir setting {@code ceph_config_dir}
	 * @param privKey setting {@code priv_key}
	 * @param pubKey setting {@code pub_key}
	 * @return the cipher
	 */
	public static ChapCipher inDirectory(Path cephConfigDir, String privKey, String pubKey) {
		return new ChapCipher(cephConfigDir.resolve(privKey), cephConfigDir.resolve(pubKey));
	}

	/**
	 * Whether passwords are to be stored encrypted: iff both key files exist, checked at
	 * every call (ceph-iscsi's {@code encryption_available()}).
	 * @return whether encryption is available
	 */
	public boolean available() {
		return Files.exists(this.privateKeyFile) && Files.exists(this.publicKeyFile);
	}

	/**
	 * The value to store for a newly written password: encrypted (flag {@code true}) when
	 * {@link #available()}, else the plain text (flag {@code false}). An empty password
	 * stays {@code ""}, with the flag still reflecting availability.
	 * @param plain the password
	 * @return the value and its {@code *_encryption_enabled} flag
	 */
	public Stored protect(String plain) {
		boolean encrypt = available();
		return new Stored(encrypt ? encrypt(plain) : plain, encrypt);
	}

	/**
	 * The plain text of a stored password, as
	 * {@code GET /api/config?decrypt_passwords=true} shows it.
	 * @param stored the stored value
	 * @param encrypted its {@code *_encryption_enabled} flag
	 * @return the plain text, or {@code null} if it cannot be decrypted
	 */
	public String reveal(String stored, boolean encrypted) {
		if (!encrypted) {
			return stored;
		}
		try {
			return decrypt(stored);
		}
		catch (ChapCipherException ex) {
			return null;
		}
	}

	/**
	 * Encrypts with the public key.
	 * @param plain the password ({@code ""} stays {@code ""})
	 * @return standard Base64 of the RSA-OAEP(SHA-256) ciphertext
	 * @throws ChapCipherException "Encoding password failed" (no or bad key, too long)
	 */
	public String encrypt(String plain) {
		if (plain.isEmpty()) {
			return plain;
		}
		try {
			Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
			cipher.init(Cipher.ENCRYPT_MODE, publicKey(), OAEP_SHA256);
			return Base64.getEncoder().encodeToString(cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException | IOException | IllegalArgumentException ex) {
			throw new ChapCipherException(ENCODE_FAILED, ex);
		}
	}

	/**
	 * Decrypts with the private key, trying OAEP SHA-256 then SHA-1.
	 * @param stored the Base64 ciphertext ({@code ""} stays {@code ""})
	 * @return the password
	 * @throws ChapCipherException "Problems decoding the encrypted password"
	 */
	public String decrypt(String stored) {
		if (stored.isEmpty()) {
			return stored;
		}
		try {
			PrivateKey key = privateKey();
			// b64decode() without validate=True skips characters outside the alphabet
			byte[] ciphertext = Base64.getMimeDecoder().decode(stored);
			try {
				return utf8(decrypt(key, ciphertext, OAEP_SHA256));
			}
			catch (BadPaddingException | IllegalBlockSizeException | CharacterCodingException ex) {
				// ValueError in ceph-iscsi: retry as python-crypto wrote it
				return utf8(decrypt(key, ciphertext, OAEP_SHA1));
			}
		}
		catch (GeneralSecurityException | IOException | IllegalArgumentException ex) {
			throw new ChapCipherException(DECODE_FAILED, ex);
		}
	}

	private static byte[] decrypt(Key key, byte[] ciphertext, OAEPParameterSpec spec) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
		cipher.init(Cipher.DECRYPT_MODE, key, spec);
		return cipher.doFinal(ciphertext);
	}

	private static String utf8(byte[] bytes) throws CharacterCodingException {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes))
			.toString();
	}

	private PrivateKey privateKey() throws IOException, GeneralSecurityException {
		FileTime modified = Files.getLastModifiedTime(this.privateKeyFile);
		CachedKey<PrivateKey> cached = this.privateKey;
		if (cached == null || !cached.modified().equals(modified)) {
			cached = new CachedKey<>(modified, parsePrivateKey(Files.readString(this.privateKeyFile)));
			this.privateKey = cached;
		}
		return cached.key();
	}

	private PublicKey publicKey() throws IOException, GeneralSecurityException {
		FileTime modified = Files.getLastModifiedTime(this.publicKeyFile);
		CachedKey<PublicKey> cached = this.publicKey;
		if (cached == null || !cached.modified().equals(modified)) {
			cached = new CachedKey<>(modified, parsePublicKey(Files.readString(this.publicKeyFile)));
			this.publicKey = cached;
		}
		return cached.key();
	}

	/**
	 * Parses a PEM RSA private key: {@code RSA PRIVATE KEY} (PKCS#1, which the JDK cannot
	 * read directly, so it is wrapped into PKCS#8) or {@code PRIVATE KEY} (PKCS#8).
	 */
	static PrivateKey parsePrivateKey(String pem) throws GeneralSecurityException {
		Matcher matcher = pem(pem);
		byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
		byte[] pkcs8 = switch (matcher.group(1)) {
			case "PRIVATE KEY" -> der;
			// PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING
			// }
			case "RSA PRIVATE KEY" -> sequence(new byte[] { 0x02, 0x01, 0x00 }, RSA_ALGORITHM, tlv(0x04, der));
			default -> throw new GeneralSecurityException("unsupported private key type " + matcher.group(1));
		};
		return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
	}

	/**
	 * Parses a PEM RSA public key: {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) or
	 * {@code RSA PUBLIC KEY} (PKCS#1, wrapped into SubjectPublicKeyInfo).
	 */
	static PublicKey parsePublicKey(String pem) throws GeneralSecurityException {
		Matcher matcher = pem(pem);
		byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
		byte[] spki = switch (matcher.group(1)) {
			case "PUBLIC KEY" -> der;
			// SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }
			case "RSA PUBLIC KEY" -> sequence(RSA_ALGORITHM, tlv(0x03, concat(new byte[] { 0 }, der)));
			default -> throw new GeneralSecurityException("unsupported public key type " + matcher.group(1));
		};
		return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
	}

	private static Matcher pem(String pem) throws GeneralSecurityException {
		Matcher matcher = PEM.matcher(pem);
		if (!matcher.find()) {
			throw new GeneralSecurityException("no PEM block found");
		}
		if (pem.contains("Proc-Type: 4,ENCRYPTED")) {
			throw new GeneralSecurityException("encrypted PEM keys are not supported");
		}
		return matcher;
	}

	private static byte[] sequence(byte[]... parts) {
		return tlv(0x30, concat(parts));
	}

	private static byte[] tlv(int tag, byte[] value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = value.length;
		if (length < 0x80) {
			out.write(length);
		}
		else {
			int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
			out.write(0x80 | bytes);
			for (int i = bytes - 1; i >= 0; i--) {
				out.write(length >>> (8 * i));
			}
		}
		out.writeBytes(value);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * A password as stored in the document.
	 *
	 * @param value the stored text (ciphertext or plain)
	 * @param encrypted the matching {@code *_encryption_enabled} flag
	 */
	public record Stored(String value, boolean encrypted) {

		@Override
		public String toString() {
			return "Stored[value=" + (this.value.isEmpty() ? "" : "******") + ", encrypted=" + this.encrypted + "]";
		}

	}

	private record CachedKey<K>(FileTime modified, K key) {

	}

}
