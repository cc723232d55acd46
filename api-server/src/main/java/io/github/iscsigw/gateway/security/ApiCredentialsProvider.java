package io.github.iscsigw.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP basic credentials against {@code api_user}/{@code api_password}, in
 * constant time (ceph-iscsi compares plain strings).
 */
class ApiCredentialsProvider implements AuthenticationProvider {

	private final byte[] user;

	private final byte[] password;

	ApiCredentialsProvider(String user, String password) {
		this.user = user.getBytes(StandardCharsets.UTF_8);
		this.password = password.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = authentication.getName();
		Object credentials = authentication.getCredentials();
		byte[] givenUser = (name != null ? name : "").getBytes(StandardCharsets.UTF_8);
		byte[] givenPassword = (credentials != null ? credentials.toString() : "").getBytes(StandardCharsets.UTF_8);
		// evaluate both comparisons whatever the first one says
		boolean userMatches = MessageDigest.isEqual(this.user, givenUser);
		boolean passwordMatches = MessageDigest.isEqual(this.password, givenPassword);
		if (!(userMatches & passwordMatches)) {
			throw new BadCredentialsException("username/password mismatch with the configuration file");
		}
		return UsernamePasswordAuthenticationToken.authenticated(name, null,
				List.of(new SimpleGrantedAuthority("ROLE_API")));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
