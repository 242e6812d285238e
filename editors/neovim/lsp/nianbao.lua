---@brief
---
--- nianbao: a compliance linter for 政府信息公开工作年度报告 (government information-disclosure
--- annual reports), as a language server: diagnostics, quick fixes, a fix-all code action,
--- hover, document symbols and inlay hints.
---
--- Install the `nianbao` binary (`cargo install --path .` in the nianbao repository) so that it
--- is on `$PATH`, put this file's directory on 'runtimepath' (or copy this file into
--- `~/.config/nvim/lsp/`), then, with Neovim 0.11 or newer:
---
--- ```lua
--- vim.lsp.enable('nianbao')
--- ```
---
--- Settings (all optional), under `settings.nianbao`; they are sent as `initializationOptions`
--- and answered to `workspace/configuration` (section `nianbao`):
---
--- ```lua
--- vim.lsp.config('nianbao', {
---   settings = {
---     nianbao = {
---       select = { 'A', 'T03' },  -- rule codes or family letters, as `check --select`
---       ignore = { 'W01' },       -- as `check --ignore`
---       lang = 'en',              -- 'zh' (default) or 'en' messages
---       issuerKind = 'government', -- 'department' | 'government' | 'township'
---       maxDiagnostics = 1000,    -- the most shown per file (0: all)
---     },
---   },
--- })
--- ```
---
--- A `nianbao.toml` in the report's directory or above applies as with `nianbao check`.
---
--- The buffer-local command `:LspNianbaoFixAll` applies every safe fix in the buffer (the
--- `source.fixAll.nianbao` code action).

---@type vim.lsp.Config
return {
  cmd = { 'nianbao', 'server' },
  filetypes = { 'text', 'markdown', 'html' },
  root_markers = { 'nianbao.toml', '.git' },
  settings = {
    nianbao = {},
  },
  -- init_options: when not set, the `settings.nianbao` table is sent as initializationOptions,
  -- so the first diagnostics already use it.
  before_init = function(params, config)
    if params.initializationOptions == nil and config.settings then
      params.initializationOptions = config.settings.nianbao
    end
  end,
  on_attach = function(_, bufnr)
    vim.api.nvim_buf_create_user_command(bufnr, 'LspNianbaoFixAll', function()
      vim.lsp.buf.code_action({
        context = { only = { 'source.fixAll.nianbao' }, diagnostics = {} },
        apply = true,
      })
    end, { desc = 'nianbao: apply every safe fix in the buffer' })
  end,
}
