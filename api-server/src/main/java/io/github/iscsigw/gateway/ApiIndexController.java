package io.github.iscsigw.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code GET /api} (rbd-target-api.md §6.1): the public routes, sorted by rule, in
 * ceph-iscsi's {@code [rule : description, Methods: …, [details]]} shape. No
 * authentication.
 */
@RestController
class ApiIndexController {

	private final RequestMappingHandlerMapping mappings;

	ApiIndexController(RequestMappingHandlerMapping requestMappingHandlerMapping) {
		this.mappings = requestMappingHandlerMapping;
	}

	@GetMapping("/api")
	Map<String, Object> index() {
		Map<String, Set<String>> methodsByRule = new TreeMap<>();
		Map<String, String> descriptions = new TreeMap<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			for (String pattern : entry.getKey().getPatternValues()) {
				if (!pattern.startsWith("/api") || pattern.startsWith("/api/v2") || isInternal(pattern)) {
					continue;
				}
				String rule = pattern.replace('{', '<').replace('}', '>');
				methodsByRule.computeIfAbsent(rule, (key) -> new TreeSet<>())
					.addAll(entry.getKey()
						.getMethodsCondition()
						.getMethods()
						.stream()
						.map(RequestMethod::name)
						.collect(Collectors.toSet()));
				descriptions.putIfAbsent(rule, describe(entry.getValue()));
			}
		}
		List<List<Object>> api = new ArrayList<>();
		methodsByRule.forEach((rule, methods) -> api.add(List.of(rule + " : " + descriptions.get(rule),
				"Methods: " + String.join(",", methods.isEmpty() ? Set.of("GET") : methods), List.of())));
		return Map.of("api", api);
	}

	private static boolean isInternal(String pattern) {
		for (String segment : pattern.split("/")) {
			if (segment.startsWith("_")) {
				return true;
			}
		}
		return false;
	}

	private static String describe(HandlerMethod handler) {
		String name = handler.getMethod().getName();
		return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
	}

}
