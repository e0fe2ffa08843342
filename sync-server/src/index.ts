export { createApp, type AppDeps, type RelaisApp } from './app';
export { loadConfig, ConfigError, type Config } from './config';
export { openDatabase, type Db } from './db/client';
export { createLogger, type Logger } from './logger';
export { createReplicationStore, type ReplicationStore, type WriteContext } from './replication/store';
export { createReplicationEvents } from './replication/events';
export { startServer, type RunningServer } from './server';
