package io.github.iscsigw.gateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.iscsigw.gateway.error.LegacyErrors;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first check of a restricted route: the source address must be trusted, before any
 * credentials are looked at (rbd-target-api.md §2). {@code X-Forwarded-For} is never
 * consulted.
 */
class TrustedSourceFilter extends OncePerRequestFilter {

	private final TrustedSources trustedSources;

	private final RequestMatcher unrestricted;

	TrustedSourceFilter(TrustedSources trustedSources, RequestMatcher unrestricted) {
		this.trustedSources = trustedSources;
		this.unrestricted = unrestricted;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.unrestricted.matches(request) || this.trustedSources.isTrusted(request.getRemoteAddr())) {
			chain.doFilter(request, response);
			return;
		}
		LegacyErrors.write(response, HttpServletResponse.SC_FORBIDDEN,
				"API access not available to " + TrustedSources.display(request.getRemoteAddr()));
	}

}
