package io.github.iscsigw.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.error.LegacyErrors;

/**
 * The form fields of a legacy request (body of PUT, DELETE and even GET,
 * rbd-target-api.md §1.1) with ceph-iscsi's per-field parsing rules. Absent fields are
 * tolerated wherever clients may omit them.
 */
public final class LegacyForm {

	private final HttpServletRequest request;

	private LegacyForm(HttpServletRequest request) {
		this.request = request;
	}

	public static LegacyForm of(HttpServletRequest request) {
		return new LegacyForm(request);
	}

	/**
	 * An optional field.
	 * @param name the field
	 * @return its value if sent
	 */
	public Optional<String> optional(String name) {
		return Optional.ofNullable(this.request.getParameter(name));
	}

	/**
	 * A field with a default.
	 * @param name the field
	 * @param fallback the value when absent
	 * @return the value
	 */
	public String get(String name, String fallback) {
		return optional(name).orElse(fallback);
	}

	/**
	 * A field the handler cannot work without (ceph-iscsi answers a 500 for its absence;
	 * we answer 400 with Flask's text).
	 * @param name the field
	 * @return the value
	 */
	public String required(String name) {
		return optional(name).orElseThrow(() -> ApiException.badRequest(LegacyErrors.BAD_REQUEST));
	}

	/**
	 * {@code nosync}, {@code skipchecks}, {@code force}: case-insensitive {@code "true"}.
	 * @param name the field
	 * @return true only for "true" in any case
	 */
	public boolean isTrueIgnoringCase(String name) {
		return optional(name).map((value) -> value.toLowerCase(Locale.ROOT).equals("true")).orElse(false);
	}

	/**
	 * A comma-separated list (empty or absent = none); items stripped, empties dropped.
	 * @param name the field
	 * @return the items
	 */
	public List<String> list(String name) {
		List<String> items = new ArrayList<>();
		optional(name).ifPresent((value) -> {
			for (String item : value.split(",")) {
				if (!item.isBlank()) {
					items.add(item.strip());
				}
			}
		});
		return items;
	}

}
