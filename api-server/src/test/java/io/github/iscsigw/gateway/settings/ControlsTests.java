package io.github.iscsigw.gateway.settings;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlsTests {

	final Controls controls = new Controls(GatewaySettings.defaults());

	@Test
	void integersFromNumbersOrDecimalStrings() {
		assertThat(this.controls.parseTarget("{\"cmdsn_depth\": 64, \"dataout_timeout\": \"30\"}"))
			.containsEntry("cmdsn_depth", IntNode.valueOf(64))
			.containsEntry("dataout_timeout", IntNode.valueOf(30));
	}

	@Test
	void yesNoFromBooleansOrWords() {
		Map<String, JsonNode> parsed = this.controls
			.parseTarget("{\"immediate_data\": \"No\", \"initial_r2t\": false}");
		assertThat(parsed).containsEntry("immediate_data", BooleanNode.FALSE)
			.containsEntry("initial_r2t", BooleanNode.FALSE);
		assertThat(this.controls.parseTarget("{\"immediate_data\": \"YES\"}")).containsEntry("immediate_data",
				BooleanNode.TRUE);
	}

	@Test
	void nullOrEmptyMeansReset() {
		Map<String, JsonNode> parsed = this.controls.parseTarget("{\"cmdsn_depth\": null, \"nopin_timeout\": \"\"}");
		assertThat(parsed).containsEntry("cmdsn_depth", null).containsEntry("nopin_timeout", null);
	}

	@Test
	void errorsCarryCephIscsisTexts() {
		assertThatThrownBy(() -> this.controls.parseTarget("{\"cmdsn_depth\": 0}"))
			.hasMessage("expected integer >= 1 for cmdsn_depth");
		assertThatThrownBy(() -> this.controls.parseTarget("{\"cmdsn_depth\": 513}"))
			.hasMessage("expected integer <= 512 for cmdsn_depth");
		assertThatThrownBy(() -> this.controls.parseTarget("{\"cmdsn_depth\": \"many\"}"))
			.hasMessage("expected integer for cmdsn_depth");
		assertThatThrownBy(() -> this.controls.parseTarget("{\"immediate_data\": \"maybe\"}"))
			.hasMessage("expected yes or no for immediate_data");
		assertThatThrownBy(() -> this.controls.parseTarget("{\"max_data_area_mb\": 8}"))
			.hasMessageStartingWith("Supported controls: dataout_timeout,");
		assertThatThrownBy(() -> this.controls.parseDisk("{\"cmdsn_depth\": 8}"))
			.hasMessage("Supported controls: max_data_area_mb,qfull_timeout,osd_op_timeout,hw_max_sectors");
		assertThatThrownBy(() -> this.controls.parseTarget("[1]"))
			.isInstanceOf(Controls.InvalidControlsException.class);
		assertThatThrownBy(() -> this.controls.parseTarget("{oops"))
			.isInstanceOf(Controls.InvalidControlsException.class);
	}

	@Test
	void onlyNonDefaultValuesAreStored() {
		Map<String, JsonNode> stored = Map.of("nopin_timeout", IntNode.valueOf(10));
		Map<String, JsonNode> merged = this.controls.merge(stored, this.controls
			.parseTarget("{\"cmdsn_depth\": 128, \"immediate_data\": false, \"nopin_timeout\": null}"));
		assertThat(merged).containsOnlyKeys("immediate_data");
		assertThat(this.controls.merge(Map.of(), this.controls.parseDisk("{\"max_data_area_mb\": 64}")))
			.containsEntry("max_data_area_mb", IntNode.valueOf(64));
	}

}
