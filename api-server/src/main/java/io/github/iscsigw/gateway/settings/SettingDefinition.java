package io.github.iscsigw.gateway.settings;

import java.util.List;

/**
 * One key of {@code iscsi-gateway.cfg}: its section, type, default and range (settings.md
 * §2).
 *
 * @param section the INI section it must appear in
 * @param name the lower-case key
 * @param type how its text is normalised
 * @param defaultValue the built-in default (typed)
 * @param min lowest allowed integer (INT only)
 * @param max highest allowed integer (INT only)
 * @param values allowed values (ENUM only)
 */
record SettingDefinition(String section, String name, SettingType type, Object defaultValue, long min, long max,
		List<String> values) {

	SettingDefinition {
		values = List.copyOf(values);
	}

	static SettingDefinition str(String section, String name, String defaultValue) {
		return new SettingDefinition(section, name, SettingType.STR, defaultValue, 0, 0, List.of());
	}

	static SettingDefinition integer(String section, String name, int defaultValue, long min, long max) {
		return new SettingDefinition(section, name, SettingType.INT, defaultValue, min, max, List.of());
	}

	static SettingDefinition bool(String section, String name, boolean defaultValue) {
		return new SettingDefinition(section, name, SettingType.BOOL, defaultValue, 0, 0, List.of());
	}

	static SettingDefinition list(String section, String name) {
		return new SettingDefinition(section, name, SettingType.LIST, List.of(), 0, 0, List.of());
	}

	static SettingDefinition enumeration(String section, String name, String defaultValue, String... values) {
		return new SettingDefinition(section, name, SettingType.ENUM, defaultValue, 0, 0, List.of(values));
	}

}
