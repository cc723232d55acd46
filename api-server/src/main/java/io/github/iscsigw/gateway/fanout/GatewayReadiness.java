package io.github.iscsigw.gateway.fanout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.gateway.IscsiPortalProbe;

import org.springframework.http.HttpStatus;

/**
 * The readiness phase of ceph-iscsi's fan-out (rbd-target-api.md §5): every gateway an
 * operation involves must answer {@code GET /api/_ping} with 200, else the operation is
 * refused with 503 and a summary naming each unavailable gateway. This gateway checks
 * itself without a network round trip. Unlike ceph-iscsi, callers list only the gateways
 * an operation really touches, so one dead gateway blocks only its own targets.
 */
public class GatewayReadiness {

	/** The state of a gateway whose API answers but whose iSCSI port is closed. */
	public static final String ISCSI_DOWN = "iscsi down, API up";

	private final PeerClient peers;

	private final GatewayIdentity self;

	private final IscsiPortalProbe localProbe;

	public GatewayReadiness(PeerClient peers, GatewayIdentity self, IscsiPortalProbe localProbe) {
		this.peers = peers;
		this.self = self;
		this.localProbe = localProbe;
	}

	/**
	 * Pings the gateways.
	 * @param gateways the gateways the operation involves
	 * @param prefix the public handler's message prefix (e.g.
	 * {@code client create/update})
	 * @throws ApiException 503 {@code <prefix> failed, gateway(s) unavailable:<summary>}
	 */
	public void require(Collection<String> gateways, String prefix) {
		List<String> unavailable = new ArrayList<>();
		for (String gateway : gateways) {
			unavailable(gateway).ifPresent((state) -> unavailable.add(gateway + "(" + state + ")"));
		}
		if (!unavailable.isEmpty()) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
					prefix + " failed, gateway(s) unavailable:" + String.join(",", unavailable));
		}
	}

	/**
	 * The readiness of one gateway, as ceph-iscsi's {@code target_ready} words it.
	 * @param gateway the gateway (this one is checked without a network round trip)
	 * @return empty when ready, else its state ({@code iscsi down, API up} or
	 * {@code UNKNOWN state})
	 */
	public java.util.Optional<String> unavailable(String gateway) {
		if (gateway.equals(this.self.name()) || gateway.equals("localhost")) {
			return this.localProbe.isListening() ? java.util.Optional.empty() : java.util.Optional.of(ISCSI_DOWN);
		}
		try {
			PeerClient.Answer answer = this.peers.send("GET", gateway, "/api/_ping", Map.of());
			return switch (answer.status()) {
				case 200 -> java.util.Optional.empty();
				case 503 -> java.util.Optional.of(ISCSI_DOWN);
				default -> java.util.Optional.of("UNKNOWN state");
			};
		}
		catch (IOException | IllegalArgumentException ex) {
			// ceph-iscsi turns a refused connection into a synthetic 500: "UNKNOWN state"
			return java.util.Optional.of("UNKNOWN state");
		}
	}

}
