// Child-process fixture: tries the real keychain and prints the outcome as JSON.
import { KeytarVault } from '../../../../src/main/core/vault/keytar-vault';

const vault = new KeytarVault(process.argv[2] ?? 'Spendwatch-test');
try {
  await vault.set('probe', 'secret-value');
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  const e = error as { code?: string; message: string };
  console.log(JSON.stringify({ ok: false, code: e.code, message: e.message }));
}
