package io.github.iscsigw.gateway.security;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.settings.GatewaySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.DispatcherTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Access control of rbd-target-api.md §2: {@code GET /api} is open,
 * {@code GET /api/sysinfo/*} needs credentials only, every other route a trusted source
 * address and then credentials.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	TrustedSources trustedSources(GatewaySettings settings, ConfigRepository config) {
		return new TrustedSources(settings::trustedIpList, config::trustedHosts, Clock.systemUTC());
	}

	@Bean
	ApiCredentialsProvider apiCredentialsProvider(GatewaySettings settings) {
		return new ApiCredentialsProvider(settings.apiUser(), settings.apiPassword());
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, TrustedSources trustedSources,
			ApiCredentialsProvider credentials) throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		RequestMatcher open = path.matcher(HttpMethod.GET, "/api");
		RequestMatcher sysinfo = path.matcher(HttpMethod.GET, "/api/sysinfo/*");
		// probes: a bare UP/DOWN, no details, so they need neither a trusted address nor
		// the password
		RequestMatcher health = new OrRequestMatcher(path.matcher(HttpMethod.GET, "/actuator/health"),
				path.matcher(HttpMethod.GET, "/actuator/health/liveness"),
				path.matcher(HttpMethod.GET, "/actuator/health/readiness"));
		RequestMatcher errorDispatch = new DispatcherTypeRequestMatcher(DispatcherType.ERROR);
		LegacyAuthenticationEntryPoint entryPoint = new LegacyAuthenticationEntryPoint();
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.authenticationProvider(credentials)
			.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.addFilterBefore(
					new TrustedSourceFilter(trustedSources, new OrRequestMatcher(open, sysinfo, health, errorDispatch)),
					BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(open, health)
				.permitAll()
				.anyRequest()
				.authenticated());
		return http.build();
	}

}
