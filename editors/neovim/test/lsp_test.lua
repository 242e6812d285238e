-- Headless test of nianbao's language server in Neovim. Modes (NIANBAO_MODE):
--   config        Neovim 0.11+: the repository's lsp/nianbao.lua via 'runtimepath' and
--                 vim.lsp.enable('nianbao'); fix-all with its :LspNianbaoFixAll.
--   start         the "start" block of editors/neovim/README.md (vim.lsp.start, 0.8+);
--                 fix-all with the README's "fixall" block.
--   start_client  the "start_client" block (vim.lsp.start_client, 0.7); fix-all with the
--                 README's "fixall-0.7" block.
-- Run by run.sh as: nvim --headless -u NONE -i NONE -n -c 'luafile lsp_test.lua'
-- Environment: NIANBAO_REPO (the repository), NIANBAO_DIR (a directory holding two copies of
-- examples/reports/with-defects-2025.md: a.md and b.md), with the nianbao binary on $PATH.

local TIMEOUT = 20000
local repo = assert(os.getenv('NIANBAO_REPO'), 'NIANBAO_REPO not set')
local dir = assert(os.getenv('NIANBAO_DIR'), 'NIANBAO_DIR not set')
local mode = os.getenv('NIANBAO_MODE') or 'config'
local v = vim.version()
local label = string.format('nvim %d.%d.%d %s', v.major, v.minor, v.patch, mode)

local function say(msg)
  io.stdout:write('[' .. label .. '] ' .. msg .. '\n')
end

local function fail(msg)
  io.stdout:write('[' .. label .. '] FAIL: ' .. msg .. '\n')
  os.exit(1)
end

-- Runs a ```lua block of editors/neovim/README.md, the one after `<!-- tested: NAME -->`.
local function readme_block(name)
  local f = assert(io.open(repo .. '/editors/neovim/README.md', 'r'))
  local text = f:read('*a')
  f:close()
  local marker = '<!-- tested: ' .. name .. ' -->\n```lua\n'
  local s, e = text:find(marker, 1, true)
  if not s then
    fail('editors/neovim/README.md has no block marked "tested: ' .. name .. '"')
  end
  local stop = text:find('\n```', e, true)
  local chunk, err = loadstring(text:sub(e + 1, stop), 'README block ' .. name)
  if not chunk then
    fail(err)
  end
  chunk()
end

local function codes_on(bufnr, lnum)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if lnum == nil or d.lnum == lnum then
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code then
        out[tostring(code)] = true
      end
    end
  end
  return out
end

local function list(set)
  local l = {}
  for k in pairs(set) do
    l[#l + 1] = k
  end
  table.sort(l)
  return '[' .. table.concat(l, ',') .. ']'
end

local function all_clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
end

local function nianbao_client(bufnr)
  for _, c in pairs(all_clients(bufnr)) do
    if c.name == 'nianbao' and c.server_capabilities ~= nil then
      return c
    end
  end
end

-- Diagnostic updates, to tell fresh diagnostics from stale ones.
local diag_events = 0
vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function()
    diag_events = diag_events + 1
  end,
})

-- Opens a report, waits for the client and for A01 on the （七）总计 line.
local function open(name)
  local path = dir .. '/' .. name
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  if not vim.wait(TIMEOUT, function()
    return nianbao_client(bufnr) ~= nil
  end, 20) then
    fail(name .. ': no nianbao client attached within ' .. TIMEOUT .. ' ms (filetype '
      .. vim.bo[bufnr].filetype .. ')')
  end
  local lnum
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if l:find('（七）总计', 1, true) then
      lnum = i - 1
    end
  end
  if not lnum then
    fail(name .. ': no （七）总计 line')
  end
  if not vim.wait(TIMEOUT, function()
    return codes_on(bufnr, lnum)['A01'] == true
  end, 20) then
    fail(name .. ': no A01 on line ' .. (lnum + 1) .. ' within ' .. TIMEOUT .. ' ms; diagnostics: '
      .. list(codes_on(bufnr)))
  end
  local c = nianbao_client(bufnr)
  say(name .. ': ' .. vim.bo[bufnr].filetype .. ', position encoding ' .. tostring(c.offset_encoding)
    .. ', ' .. (c.server_capabilities.diagnosticProvider and 'pull' or 'push')
    .. ' diagnostics; line ' .. (lnum + 1) .. ': ' .. list(codes_on(bufnr, lnum)))
  return bufnr, lnum, c
end

-- Waits for the 338 total and for fresh diagnostics without A01/A02.
local function expect_fixed(name, bufnr, lnum, events_before, how)
  if not vim.wait(TIMEOUT, function()
    return vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]:match('| 338 |$') ~= nil
  end, 20) then
    fail(name .. ': after ' .. how .. ', line ' .. (lnum + 1) .. ' is: '
      .. vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1])
  end
  if not vim.wait(TIMEOUT, function()
    local now = codes_on(bufnr)
    return diag_events > events_before and not now['A01'] and not now['A02']
  end, 20) then
    fail(name .. ': diagnostics not refreshed without A01/A02 within ' .. TIMEOUT .. ' ms; now: '
      .. list(codes_on(bufnr)) .. ', updates since the edit: ' .. (diag_events - events_before))
  end
  say(name .. ': after ' .. how .. ': "' .. vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
    .. '"; diagnostics refreshed: ' .. list(codes_on(bufnr)))
end

-- 1. Start.
vim.cmd('filetype on')
if mode == 'config' then
  if not (vim.lsp.config and vim.lsp.enable) then
    fail('no vim.lsp.config / vim.lsp.enable in this Neovim (0.11+ needed)')
  end
  vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
  vim.lsp.enable('nianbao')
elseif mode == 'start' or mode == 'start_client' then
  readme_block(mode)
else
  fail('unknown NIANBAO_MODE ' .. mode)
end

-- 2. a.md: diagnostics, the quick fix at the 344 cell.
local bufnr, lnum, c = open('a.md')
local encoding = c.offset_encoding or 'utf-16'
local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
local s = line:find('| 344 |', 1, true)
if not s then
  fail('a.md: line ' .. (lnum + 1) .. ' has no "| 344 |" cell: ' .. line)
end
local function char_col(b) -- byte column → the client's position encoding
  if encoding == 'utf-8' then
    return b
  elseif vim.fn.has('nvim-0.11') == 1 then
    return vim.str_utfindex(line, encoding, b, false)
  end
  local u32, u16 = vim.str_utfindex(line, b)
  return encoding == 'utf-16' and u16 or u32
end
local lsp_diags = {}
for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = lnum })) do
  local l = d.user_data and d.user_data.lsp
  if l and l.range then
    lsp_diags[#lsp_diags + 1] = l
  end
end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = {
    start = { line = lnum, character = char_col(s + 1) }, -- s + 1: 0-based column of 344
    ['end'] = { line = lnum, character = char_col(s + 4) },
  },
  context = { diagnostics = lsp_diags, only = { 'quickfix' } },
}
local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, TIMEOUT)
if not responses then
  fail('a.md: textDocument/codeAction: ' .. tostring(err))
end
local preferred
local titles = {}
for _, resp in pairs(responses) do
  if resp.err then
    fail('a.md: textDocument/codeAction error: ' .. vim.inspect(resp.err))
  end
  for _, action in ipairs(resp.result or {}) do
    titles[#titles + 1] = action.title .. (action.isPreferred and ' [preferred]' or '')
    if action.isPreferred and action.kind == 'quickfix' and action.edit and not preferred then
      preferred = action
    end
  end
end
say('a.md: code actions at the 344 cell: ' .. table.concat(titles, ' | '))
if not preferred then
  fail('a.md: no preferred quickfix with an edit at the 344 cell')
end
if not preferred.title:find('338', 1, true) then
  fail('a.md: the preferred quickfix does not set 338: ' .. preferred.title)
end
local before = diag_events
vim.lsp.util.apply_workspace_edit(preferred.edit, encoding)
expect_fixed('a.md', bufnr, lnum, before, 'the quick fix "' .. preferred.title .. '"')

-- 3. b.md: fix all.
local fix_all
if mode == 'config' then
  fix_all = 'LspNianbaoFixAll'
else
  readme_block(mode == 'start' and 'fixall' or 'fixall-0.7')
  fix_all = 'NianbaoFixAll'
end
local bufnr2, lnum2 = open('b.md')
before = diag_events
vim.cmd(fix_all)
expect_fixed('b.md', bufnr2, lnum2, before, ':' .. fix_all)

-- 4. Stop the server.
for _, cl in pairs(all_clients()) do
  vim.lsp.stop_client(cl.id)
end
vim.wait(5000, function()
  return next(all_clients()) == nil
end, 20)
say('PASS')
os.exit(0)
