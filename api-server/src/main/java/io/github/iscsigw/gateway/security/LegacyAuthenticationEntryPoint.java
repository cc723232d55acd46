package io.github.iscsigw.gateway.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.iscsigw.gateway.error.LegacyErrors;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The two 401 answers of rbd-target-api.md §2, without a {@code WWW-Authenticate} header
 * (ceph-iscsi sends none; clients send credentials pre-emptively).
 */
class LegacyAuthenticationEntryPoint implements AuthenticationEntryPoint {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String message = (ex instanceof BadCredentialsException)
				? "username/password mismatch with the configuration file" : "Missing credentials";
		LegacyErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, message);
	}

}
