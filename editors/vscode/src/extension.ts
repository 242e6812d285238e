// The nianbao extension: starts `nianbao server` (the language server) and connects it to
// VS Code through vscode-languageclient. Everything else (diagnostics, quick fixes, fix-all,
// hover, outline, inlay hints, nianbao.toml watching) is the server's.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const SECTION = "nianbao";
const FIX_ALL = "nianbao.fixAll";
const RESTART = "nianbao.restartServer";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let starting: Promise<void> = Promise.resolve();

/** The settings the server reads (`initializationOptions` and `workspace/configuration`). */
function serverSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    select: c.get<string[]>("select", []),
    ignore: c.get<string[]>("ignore", []),
    lang: c.get<string>("lang", "zh"),
    issuerKind: c.get<string>("issuerKind", ""),
    maxDiagnostics: c.get<number>("maxDiagnostics", 1000),
  };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `nianbao.path` if set, else the bundled binary, else `nianbao` on PATH. */
function resolveServer(context: vscode.ExtensionContext): { command: string; from: string } {
  let configured = vscode.workspace.getConfiguration(SECTION).get<string>("path", "").trim();
  if (configured) {
    if (configured === "~" || configured.startsWith("~/")) {
      configured = path.join(os.homedir(), configured.slice(1));
    }
    if (!path.isAbsolute(configured) && configured.includes(path.sep)) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (folder) configured = path.resolve(folder, configured);
    }
    return { command: configured, from: "nianbao.path" };
  }
  const exe = process.platform === "win32" ? "nianbao.exe" : "nianbao";
  const bundled = context.asAbsolutePath(
    path.join("bin", `${process.platform}-${process.arch}`, exe),
  );
  if (fs.existsSync(bundled)) {
    if (!isExecutable(bundled)) {
      // A zip does not always keep the executable bit.
      try {
        fs.chmodSync(bundled, 0o755);
      } catch (e) {
        output.appendLine(`nianbao: cannot make ${bundled} executable: ${e}`);
      }
    }
    return { command: bundled, from: "bundled" };
  }
  return { command: exe, from: "PATH" };
}

function documentUri(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.toString();
  if (typeof arg === "string" && arg) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.toString();
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const server = resolveServer(context);
  output.appendLine(`nianbao: starting ${server.command} server (${server.from})`);
  const run = { command: server.command, args: ["server"], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const documentSelector = ["file", "untitled"].flatMap((scheme) =>
    ["plaintext", "markdown", "html"].map((language) => ({ scheme, language })),
  );
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions: serverSettings,
    synchronize: { configurationSection: SECTION },
    middleware: {
      // The client registers the server's `nianbao.fixAll` as a VS Code command; from the
      // command palette it comes without arguments, so the active document is meant.
      executeCommand: async (command, args, next) => {
        if (command !== FIX_ALL) return next(command, args);
        const uri = documentUri(args[0]);
        if (!uri) {
          void vscode.window.showWarningMessage(
            "nianbao: 没有打开的文档（no active document to fix）",
          );
          return undefined;
        }
        return next(command, [uri]);
      },
    },
  };
  return new LanguageClient(SECTION, "nianbao", serverOptions, clientOptions);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const c = createClient(context);
  client = c;
  try {
    await c.start();
  } catch (e) {
    output.appendLine(`nianbao: the language server did not start: ${e}`);
    const open = "查看日志 / Show log";
    void vscode.window
      .showErrorMessage(
        `nianbao: 语言服务器未能启动（the language server did not start）: ${e}. ` +
          "请检查设置 nianbao.path（check the nianbao.path setting）.",
        open,
      )
      .then((choice) => choice === open && output.show());
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    if (c.isRunning()) await c.stop(5000);
    else await c.dispose(5000);
  } catch (e) {
    output.appendLine(`nianbao: stopping the server failed: ${e}`);
  }
}

function restart(context: vscode.ExtensionContext): Promise<void> {
  starting = starting.then(async () => {
    await stop();
    await start(context);
  });
  return starting;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("nianbao");
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand(RESTART, () => restart(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.path`)) void restart(context);
    }),
  );
  await restart(context);
}

export function deactivate(): Promise<void> {
  return stop();
}
