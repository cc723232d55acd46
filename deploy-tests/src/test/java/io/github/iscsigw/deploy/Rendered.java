package io.github.iscsigw.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects of one {@code helm template} run, parsed from its YAML stream, with the
 * look-ups the chart tests need.
 *
 * @param text the rendered text as Helm printed it
 * @param objects every non-empty document, in order
 */
record Rendered(String text, List<Map<String, Object>> objects) {

	Rendered {
		objects = List.copyOf(objects);
	}

	@SuppressWarnings("unchecked")
	static Rendered parse(String text) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
			if (document != null) {
				objects.add((Map<String, Object>) document);
			}
		}
		return new Rendered(text, objects);
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
	}

	Optional<Map<String, Object>> find(String kind, String name) {
		return ofKind(kind).stream().filter((object) -> name.equals(Yamls.get(object, "metadata.name"))).findFirst();
	}

	Map<String, Object> one(String kind) {
		List<Map<String, Object>> found = ofKind(kind);
		if (found.size() != 1) {
			throw new AssertionError("expected one " + kind + ", rendered " + found.size());
		}
		return found.get(0);
	}

	/** The pod template of the one DaemonSet. */
	Map<String, Object> podSpec() {
		return Yamls.map(one("DaemonSet"), "spec.template.spec");
	}

	Map<String, Object> container(String name) {
		return containers().stream()
			.filter((container) -> name.equals(container.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container " + name));
	}

	Map<String, Object> initContainer(String name) {
		return initContainers().stream()
			.filter((container) -> name.equals(container.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no init container " + name));
	}

	List<Map<String, Object>> containers() {
		return Yamls.list(podSpec(), "containers");
	}

	List<Map<String, Object>> initContainers() {
		return Objects.requireNonNullElse(Yamls.listOrNull(podSpec(), "initContainers"), List.of());
	}

	Map<String, Object> volume(String name) {
		return Yamls.list(podSpec(), "volumes")
			.stream()
			.filter((volume) -> name.equals(volume.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume " + name));
	}

	/** The {@code iscsi-gateway.cfg} the chart writes into its ConfigMap. */
	String settingsFile() {
		Map<String, Object> configMap = ofKind("ConfigMap").stream()
			.filter((object) -> Yamls.map(object, "data").containsKey("iscsi-gateway.cfg"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ConfigMap with iscsi-gateway.cfg"));
		return (String) Yamls.map(configMap, "data").get("iscsi-gateway.cfg");
	}

}
