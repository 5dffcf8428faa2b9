import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';

/**
 * Stores on fresh databases of this run's kind (TEST_STORE), closed and dropped by `cleanup`. Several
 * stores on one database stand for several daemons sharing it.
 */
export class TestStores {
  #databases: TestDatabase[] = [];
  #opened: Store[] = [];

  async freshDatabase(): Promise<TestDatabase> {
    const database = await testDatabaseUrl();
    this.#databases.push(database);
    return database;
  }

  async openUrl(url: string): Promise<Store> {
    const store = await openStore(url);
    this.#opened.push(store);
    return store;
  }

  /** A store on a fresh database. */
  async open(): Promise<Store> {
    return this.openUrl((await this.freshDatabase()).url);
  }

  /** `count` stores on one fresh database, opened one after another so migration does not race. */
  async openShared(count: number): Promise<Store[]> {
    const { url } = await this.freshDatabase();
    const stores: Store[] = [];
    for (let i = 0; i < count; i += 1) stores.push(await this.openUrl(url));
    return stores;
  }

  async cleanup(): Promise<void> {
    const [opened, databases] = [this.#opened, this.#databases];
    this.#opened = [];
    this.#databases = [];
    for (const store of opened) await store.close().catch(() => undefined);
    for (const database of databases) await database.cleanup();
  }
}
