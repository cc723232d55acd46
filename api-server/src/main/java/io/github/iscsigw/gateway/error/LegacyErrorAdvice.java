package io.github.iscsigw.gateway.error;

import java.util.Map;

import io.github.iscsigw.ceph.CephUnavailableException;
import io.github.iscsigw.ceph.object.LockTimeoutException;
import io.github.iscsigw.gateway.config.ConfigConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every error of the legacy API to {@code {"message": …}} with its status.
 */
@RestControllerAdvice
class LegacyErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(LegacyErrorAdvice.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Map<String, Object>> api(ApiException ex) {
		return ResponseEntity.status(ex.status()).body(LegacyErrors.body(ex.getMessage()));
	}

	@ExceptionHandler({ NoHandlerFoundException.class, NoResourceFoundException.class })
	ResponseEntity<Map<String, Object>> notFound(Exception ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(LegacyErrors.body(LegacyErrors.NOT_FOUND));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
		if (ex.getSupportedHttpMethods() != null) {
			builder.allow(ex.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new));
		}
		return builder.body(LegacyErrors.body(LegacyErrors.METHOD_NOT_ALLOWED));
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, HttpMediaTypeNotSupportedException.class })
	ResponseEntity<Map<String, Object>> badRequest(Exception ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(LegacyErrors.body(LegacyErrors.BAD_REQUEST));
	}

	/**
	 * The config store could not be reached or locked within its bounded wait: the
	 * request changed nothing and may be retried (ceph-iscsi answers an unhandled 500 or
	 * hangs).
	 */
	@ExceptionHandler({ LockTimeoutException.class, CephUnavailableException.class, ConfigConflictException.class })
	ResponseEntity<Map<String, Object>> storeUnavailable(RuntimeException ex) {
		log.warn("config store unavailable: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(LegacyErrors.body(ex.getMessage()));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unhandled(Exception ex) {
		log.error("unhandled exception", ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(LegacyErrors.body("Unhandled exception: " + ex.getMessage()));
	}

}
