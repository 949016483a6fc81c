/*
 * The agent protocol: what an engine (or any client) asks a Syncline agent running on a
 * file server. Transport: framed, binary protocol, over TCP (TLS with mutual certificates in
 * a later version). Default port 9033.
 *
 * Compatibility rules: a field id is never reused or renumbered; new fields are optional;
 * a removed field leaves its id commented as retired. PROTOCOL_VERSION goes up when a client
 * must know that the agent understands a new call or field.
 */

namespace java org.syncline.protocol.agent

/** The version of this protocol that the agent speaks, as reported by hello(). */
const i32 PROTOCOL_VERSION = 1

/** A folder the agent is configured to serve; nothing outside a served root is reachable. */
struct ServedRoot {
  /** The root's name, by which jobs refer to it (letters, digits, '.', '_', '-'). */
  1: required string name,
  /** The root's absolute path on the agent's machine, for display. */
  2: required string path,
}

/** Who an agent is and what it serves. */
struct AgentInfo {
  /** The agent's configured name: its host name, or a cluster's network name. */
  1: required string name,
  /** The host name of the machine the agent runs on. */
  2: required string hostName,
  /** The Syncline release of the agent, e.g. "0.1.0". */
  3: required string version,
  /** The protocol version the agent speaks (PROTOCOL_VERSION of its build). */
  4: required i32 protocolVersion,
  /** The roots the agent serves, in configuration order. */
  5: required list<ServedRoot> roots,
}

/** The calls an agent answers. */
service AgentService {

  /**
   * Introduces the agent: its name, host, version, protocol version and served roots.
   * A client calls it first on every connection. It has no side effects.
   */
  AgentInfo hello(),

  /**
   * Returns the given value unchanged. Used to measure round-trip time and to check that a
   * connection is still alive.
   */
  i64 ping(1: i64 payload),
}
