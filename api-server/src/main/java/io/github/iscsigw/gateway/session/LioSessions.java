package io.github.iscsigw.gateway.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.iscsigw.gateway.GatewayModes;
import io.github.iscsigw.lio.fs.ConfigfsPaths;

import org.springframework.stereotype.Component;

/**
 * Reads the session state the kernel reports in this gateway's LIO tree (real or
 * simulated, under {@link GatewayModes#configfsRoot()}), as lio-layout.md §7 lists it.
 * Read only; a missing or unreadable file means "no session", never an error.
 */
@Component
public class LioSessions {

	private static final Pattern TPG = Pattern.compile("tpgt_(\\d{1,5})");

	private final Path root;

	public LioSessions(GatewayModes modes) {
		this.root = modes.configfsRoot().toAbsolutePath().normalize();
	}

	/**
	 * The number of sessions of a target on this gateway (ceph-iscsi's
	 * {@code get_num_sessions}).
	 * @param targetIqn the target as named in the document
	 * @return the count, 0 if the target is not in LIO
	 */
	public int sessions(String targetIqn) {
		return resolve(ConfigfsPaths.target(targetIqn) + "/fabric_statistics/iscsi_instance/sessions")
			.flatMap(LioSessions::read)
			.map(String::strip)
			.map(LioSessions::parseCount)
			.orElse(0);
	}

	/**
	 * The session of an initiator: the ACL of the first enabled TPG that has one (the TPG
	 * of this gateway), as ceph-iscsi's {@code get_client_info} looks it up.
	 * @param targetIqn the target as named in the document
	 * @param clientIqn the initiator as named in the document
	 * @return the session, or {@link SessionInfo#NONE}
	 */
	public SessionInfo client(String targetIqn, String clientIqn) {
		Optional<Path> target = resolve(ConfigfsPaths.target(targetIqn));
		if (target.isEmpty() || !Files.isDirectory(target.get())) {
			return SessionInfo.NONE;
		}
		for (int tag : tpgTags(target.get())) {
			boolean enabled = resolve(ConfigfsPaths.tpg(targetIqn, tag) + "/enable").flatMap(LioSessions::read)
				.map((value) -> value.strip().equals("1"))
				.orElse(false);
			if (!enabled) {
				continue;
			}
			Optional<Path> acl = resolve(ConfigfsPaths.acl(targetIqn, tag, clientIqn));
			if (acl.isPresent() && Files.isDirectory(acl.get())) {
				return SessionInfo.parse(read(acl.get().resolve("info")).orElse(null));
			}
		}
		return SessionInfo.NONE;
	}

	private static List<Integer> tpgTags(Path target) {
		List<Integer> tags = new ArrayList<>();
		try (Stream<Path> children = Files.list(target)) {
			children.forEach((child) -> {
				Matcher matcher = TPG.matcher(child.getFileName().toString());
				if (matcher.matches() && Files.isDirectory(child)) {
					tags.add(Integer.parseInt(matcher.group(1)));
				}
			});
		}
		catch (IOException ex) {
			return List.of();
		}
		tags.sort(null);
		return tags;
	}

	/**
	 * A path below the root; names from the document never escape it.
	 */
	private Optional<Path> resolve(String relative) {
		Path path = this.root.resolve(relative).normalize();
		return path.startsWith(this.root) ? Optional.of(path) : Optional.empty();
	}

	private static Optional<String> read(Path file) {
		try {
			// lenient decoding: an alias is whatever the initiator sent
			return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static int parseCount(String text) {
		try {
			return Math.max(0, Integer.parseInt(text));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
