package io.github.iscsigw.lio.model;

import io.github.iscsigw.lio.LioException;

/**
 * CHAP credentials of a node ACL, a TPG or discovery: {@code userid}/{@code password} is
 * what the initiator presents, {@code mutualUserid}/{@code mutualPassword} what the
 * target presents back. An empty string means "not set"; the kernel's {@code NULL} (what
 * ceph-iscsi writes for an empty value) is read as empty. {@link #toString()} never shows
 * the passwords.
 *
 * @param userid initiator user name
 * @param password initiator secret
 * @param mutualUserid target user name (mutual CHAP)
 * @param mutualPassword target secret (mutual CHAP)
 */
public record Chap(String userid, String password, String mutualUserid, String mutualPassword) {

	/** No credentials at all. */
	public static final Chap NONE = new Chap("", "", "", "");

	public Chap {
		userid = value("userid", userid);
		password = value("password", password);
		mutualUserid = value("userid_mutual", mutualUserid);
		mutualPassword = value("password_mutual", mutualPassword);
	}

	/**
	 * One-way CHAP.
	 * @param userid user name
	 * @param password secret
	 * @return the credentials
	 */
	public static Chap of(String userid, String password) {
		return new Chap(userid, password, "", "");
	}

	private static String value(String field, String v) {
		if (v == null || v.equals("NULL")) {
			return "";
		}
		// the kernel keeps every byte written, so a newline would become part of the
		// secret
		if (v.indexOf('\n') >= 0 || v.indexOf('\0') >= 0 || v.length() > 255) {
			throw new LioException("invalid CHAP " + field + " (newline, NUL or longer than 255)");
		}
		return v;
	}

	/**
	 * The value of one of the four configfs auth files.
	 * @param file {@code userid}, {@code password}, {@code userid_mutual} or
	 * {@code password_mutual}
	 * @return the value, empty when not set
	 */
	public String get(String file) {
		return switch (file) {
			case "userid" -> this.userid;
			case "password" -> this.password;
			case "userid_mutual" -> this.mutualUserid;
			case "password_mutual" -> this.mutualPassword;
			default -> throw new IllegalArgumentException(file);
		};
	}

	/** The four auth files in the order ceph-iscsi writes them. */
	public static final java.util.List<String> FILES = java.util.List.of("userid", "password", "userid_mutual",
			"password_mutual");

	/**
	 * Whether a file holds a secret (its value is redacted in logs and plans).
	 * @param file an auth file name
	 * @return true for the passwords
	 */
	public static boolean isSecret(String file) {
		return file.startsWith("password");
	}

	@Override
	public String toString() {
		return "Chap[userid=" + this.userid + ", password=" + (this.password.isEmpty() ? "" : "***") + ", mutualUserid="
				+ this.mutualUserid + ", mutualPassword=" + (this.mutualPassword.isEmpty() ? "" : "***") + "]";
	}

}
