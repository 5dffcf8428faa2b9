import { BadInputError } from '../../errors.js';
import { readProviderLevelTables, type ProviderLevelData } from './provider-level-rows.js';
import { readDataFile } from './read-data-file.js';

/** Read Ofsted's provider-level data from a CSV or ODS file; bad input when it holds no provider-level table. */
export async function readProviderData(path: string): Promise<ProviderLevelData> {
  const data = readProviderLevelTables((await readDataFile(path)).tables);
  if (data.tables.length === 0) {
    throw new BadInputError(`${path} holds no provider-level data: expected a "URN" column and an inspection date column`);
  }
  return data;
}
