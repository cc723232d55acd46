package io.github.iscsigw.lio.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How a storage object is backed: the values written to its {@code control} file before
 * it is enabled. Changing any of them (except a TCMU device's size) means re-creating the
 * object.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = UserBackstore.class, name = "user"),
		@JsonSubTypes.Type(value = FileioBackstore.class, name = "fileio") })
public sealed interface Backstore permits UserBackstore, FileioBackstore {

	/**
	 * The backstore type.
	 * @return the type
	 */
	BackstoreType type();

	/**
	 * The {@code control} writes that configure a new object, one string per write, in
	 * order.
	 * @return the writes
	 */
	List<String> controlWrites();

}
