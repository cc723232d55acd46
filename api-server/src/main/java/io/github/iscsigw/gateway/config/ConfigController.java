package io.github.iscsigw.gateway.config;

import java.util.Locale;

import io.github.iscsigw.gateway.state.ChapCipher;
import io.github.iscsigw.gateway.state.ChapCipherException;
import io.github.iscsigw.gateway.state.ConfigCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/config} (rbd-target-api.md §6.8): the config document, from the cache
 * that the store's change notification keeps current. With {@code decrypt_passwords=true}
 * (any case) every encrypted CHAP password is replaced by its plain text, or {@code null}
 * when it cannot be decrypted; the {@code *_encryption_enabled} flags stay as stored.
 */
@RestController
class ConfigController {

	private final ConfigRepository config;

	private final ChapCipher cipher;

	ConfigController(ConfigRepository config, ChapCipher cipher) {
		this.config = config;
		this.cipher = cipher;
	}

	@GetMapping("/api/config")
	JsonNode config(@RequestParam(name = "decrypt_passwords", required = false) String decryptPasswords) {
		ObjectNode document = ConfigCodec.toTree(this.config.current().config());
		if (decryptPasswords != null && decryptPasswords.toLowerCase(Locale.ROOT).equals("true")) {
			decryptAll(document);
		}
		return document;
	}

	private void decryptAll(ObjectNode document) {
		decrypt(document.get("discovery_auth"));
		JsonNode targets = document.get("targets");
		if (targets == null) {
			return;
		}
		for (JsonNode target : targets.values()) {
			decrypt(target.get("auth"));
			JsonNode clients = target.get("clients");
			if (clients != null) {
				for (JsonNode client : clients.values()) {
					decrypt(client.get("auth"));
				}
			}
		}
	}

	private void decrypt(JsonNode auth) {
		if (!(auth instanceof ObjectNode chap)) {
			return;
		}
		for (String field : new String[] { "password", "mutual_password" }) {
			JsonNode flag = chap.get(field + "_encryption_enabled");
			JsonNode value = chap.get(field);
			if (flag != null && flag.asBoolean() && value != null && value.isString() && !value.asString().isEmpty()) {
				try {
					chap.put(field, this.cipher.decrypt(value.asString()));
				}
				catch (ChapCipherException ex) {
					// ceph-iscsi answers null for a value it cannot decrypt
					// (gateway-conf.md §4)
					chap.putNull(field);
				}
			}
		}
	}

}
