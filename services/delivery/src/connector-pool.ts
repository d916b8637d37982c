import type { Connector, ConnectorFactory, ConnectorSettings, Destination, Logger } from '@amtsbote/core';
import { AmtsboteError } from '@amtsbote/core';

/** The connector factories a delivery service can use, by connector type; built explicitly in main.ts. */
export type ConnectorFactories = {
  [Type in ConnectorSettings['type']]?: ConnectorFactory<Extract<ConnectorSettings, { type: Type }>>;
};

/** One connector per destination, made anew when the destination's settings change. */
export interface ConnectorPool {
  for(destination: Destination): Promise<Connector>;
  closeAll(): Promise<void>;
}

/** Creates the pool over the given factories. */
export function createConnectorPool(factories: ConnectorFactories, logger: Logger): ConnectorPool {
  const open = new Map<string, { settings: string; connector: Connector }>();
  return {
    async for(destination) {
      const settings = JSON.stringify(destination.connector);
      const current = open.get(destination.id);
      if (current?.settings === settings) return current.connector;
      const factory = factories[destination.connector.type] as ConnectorFactory<ConnectorSettings> | undefined;
      if (!factory) {
        throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `no connector of type ${destination.connector.type} in this delivery service`);
      }
      const connector = factory(destination.connector, { logger: logger.child({ destination: destination.id }) });
      await connector.connect();
      open.set(destination.id, { settings, connector });
      await current?.connector.close();
      return connector;
    },
    async closeAll() {
      await Promise.all([...open.values()].map(({ connector }) => connector.close()));
      open.clear();
    },
  };
}
