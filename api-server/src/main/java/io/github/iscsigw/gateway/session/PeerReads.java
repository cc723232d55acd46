package io.github.iscsigw.gateway.session;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.fanout.PeerClient;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The read-only fan-out of {@code targetinfo} and {@code clientinfo}: ceph-iscsi's
 * {@code call_api([gateway], …, http_method='get')} for one gateway at a time
 * (rbd-target-api.md §5), with its texts. This gateway answers from its own LIO without a
 * network round trip; peers are asked over HTTP with the usual deadline.
 */
@Component
class PeerReads {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PeerClient peers;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	PeerReads(PeerClient peers, GatewayIdentity self, GatewayReadiness readiness) {
		this.peers = peers;
		this.self = self;
		this.readiness = readiness;
	}

	Optional<String> unavailable(String gateway) {
		return this.readiness.unavailable(gateway);
	}

	/**
	 * Pings a gateway, then reads one of its internal routes.
	 * @param gateway the gateway
	 * @param path the internal route
	 * @param local how this gateway answers the same route
	 * @return the answer's JSON
	 * @throws ApiException 503 {@code failed, gateway(s) unavailable:…}, or the peer's
	 * status with {@code failed on <gw>. <message>}
	 */
	JsonNode get(String gateway, String path, Supplier<Object> local) {
		unavailable(gateway).ifPresent((state) -> {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
					"failed, gateway(s) unavailable:" + gateway + "(" + state + ")");
		});
		if (isSelf(gateway)) {
			return JSON.valueToTree(local.get());
		}
		PeerClient.Answer answer;
		try {
			answer = this.peers.send("GET", gateway, path, Map.of());
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
					"failed on " + gateway + ". Unable to connect to api endpoint @ " + this.peers.url(gateway, path));
		}
		JsonNode body = parse(answer.body());
		if (answer.status() != 200) {
			JsonNode message = (body != null) ? body.get("message") : null;
			HttpStatus status = HttpStatus.resolve(answer.status());
			throw new ApiException((status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR, "failed on " + gateway
					+ ". " + ((message != null && message.isString()) ? message.asString() : "unknown failure"));
		}
		if (body == null || !body.isObject()) {
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
					"Unhandled exception: malformed answer of " + gateway + " to " + path);
		}
		return body;
	}

	private boolean isSelf(String gateway) {
		return gateway.equals(this.self.name()) || gateway.equals("localhost");
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
