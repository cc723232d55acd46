package io.github.iscsigw.gateway.error;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (by the servlet container) also answer
 * {@code {"message": …}}, never an HTML page or Boot's default error JSON.
 */
@RestController
class JsonErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve((code instanceof Integer value) ? value : 500);
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String message = switch (status) {
			case NOT_FOUND -> LegacyErrors.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> LegacyErrors.METHOD_NOT_ALLOWED;
			case BAD_REQUEST -> LegacyErrors.BAD_REQUEST;
			default -> status.value() + " " + status.getReasonPhrase();
		};
		return ResponseEntity.status(status).body(LegacyErrors.body(message));
	}

}
