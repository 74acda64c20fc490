/**
 * The Chinese of the reasons zcpark gives for a file it cannot read or decode (ZC-E-FILE-READ, ZC-E-FILE-ENCODING).
 * Those reasons are made in many places (the CLI's file checks, the decoder, the workbook reader), each a fixed
 * phrase with at most a name or a number in it; so they are rendered here, phrase by phrase, rather than by an
 * argument at every place. A reason not listed stays as it is.
 */
const PHRASES: readonly [RegExp, (...m: string[]) => string][] = [
  [/^it is a directory$/, () => '这是一个文件夹'],
  [/^permission denied \(EACCES\)$/, () => '没有读取权限（EACCES）'],
  [/^its symbolic links form a loop \(ELOOP\)$/, () => '其符号链接构成循环（ELOOP）'],
  [/^it is a named pipe, not a file$/, () => '这是命名管道，不是文件'],
  [/^it is a socket, not a file$/, () => '这是套接字，不是文件'],
  [/^it is a device, not a file$/, () => '这是设备，不是文件'],
  [/^it no longer exists$/, () => '该文件已不存在'],
  [/^it does not exist \(a dangling symbolic link\?\)$/, () => '该文件不存在（失效的符号链接？）'],
  [
    /^it is listed twice in activity_files \(first as (.*)\); its rows would be counted twice$/s,
    (f) => `它在 activity_files 中列出了两次（第一次为 ${f}）；其数据行会被重复计算`,
  ],
  [
    /^it is (.+); a workbook may have at most (.+) \(save large tables as CSV(, which are streamed)?\)$/,
    (size, limit, streamed) => `大小为 ${size}；工作簿最多 ${limit}（大表格请另存为 CSV${streamed ? '，CSV 按流读取' : ''}）`,
  ],
  [/^it has no sheet$/, () => '其中没有工作表'],
  [/^it has no sheet named "(.*)"$/s, (name) => `其中没有名为“${name}”的工作表`],
  [/^it is not a readable \.xlsx workbook \((.*)\)$/s, (why) => `不是可读取的 .xlsx 工作簿（${why}）`],
  [/^reading it did not finish within (\S+) s, or ran out of memory$/, (s) => `读取未在 ${s} 秒内完成，或内存不足`],
  [/^it contains NUL bytes \(a binary file, or UTF-16 without a byte-order mark\)$/, () => '含有 NUL 字节（二进制文件，或没有字节顺序标记的 UTF-16）'],
  [
    /^it starts with a UTF-32 byte-order mark; zcpark reads UTF-8, UTF-16 and GB18030$/,
    () => '以 UTF-32 字节顺序标记开头；zcpark 只读取 UTF-8、UTF-16 和 GB18030',
  ],
  [/^it is neither valid UTF-8 nor GB18030$/, () => '既不是有效的 UTF-8，也不是有效的 GB18030'],
  [
    /^it starts with a (\S+) byte-order mark but has an odd number of bytes \(a truncated file\?\)$/,
    (e) => `以 ${e} 字节顺序标记开头，但字节数为奇数（文件被截断？）`,
  ],
  [
    /^it starts with a (\S+) byte-order mark but is not valid \S+ \(an unpaired surrogate\)$/,
    (e) => `以 ${e} 字节顺序标记开头，但不是有效的 ${e}（有不成对的代理项）`,
  ],
  [
    /^line (\d+) is not valid UTF-8 although the file's other lines are(?: \(and (\d+) more lines?\))?: a row saved as GBK or another encoding\?$/,
    (line, more) => `第 ${line} 行不是有效的 UTF-8，而文件的其他行是${more ? `（另有 ${more} 行同样如此）` : ''}：该行是否以 GBK 或其他编码保存？`,
  ],
  [
    /^it is a zip archive, such as an Excel workbook \(\.xlsx\), not a CSV text\. List the workbook under its \.xlsx name \(zcpark reads its first sheet, or file\.xlsx#Sheet name\), or save the sheet as CSV$/,
    () =>
      '这是 zip 压缩包（如 Excel 工作簿 .xlsx），不是 CSV 文本。请以 .xlsx 文件名列出该工作簿（zcpark 读取其第一个工作表，或用 file.xlsx#工作表名 指定），或将工作表另存为 CSV',
  ],
];

/** The Chinese of a file-reading reason, or undefined when it is not one of zcpark's phrases. */
export function fileReasonZh(reason: string): string | undefined {
  for (const [re, zh] of PHRASES) {
    const m = re.exec(reason);
    if (m) return zh(...m.slice(1).map((x) => x ?? ''));
  }
  return undefined;
}
