"""Self-assessment forms (自评表) → :class:`Form`: header fields, budget block, indicator rows.

A 自评表 reaches this stage in one of two shapes, and both go through the same grammar:

* structured tables from the readers (DOCX, XLSX, PDF via pdfplumber, HTML): rows of cells, a
  merged cell written once and blank ("") where it continues;
* flattened text (TXT, or any source whose reader kept no table): cells joined by " | " one row a
  line (安徽 转移支付 forms), one cell a line ending in " |" (四川), cells broken into lines at
  random (云南 2022), or no separator at all (a DOCX saved as text: normalization removed the spaces
  between Han characters, so such a line is cut at the labels of patterns/forms/lexicon.toml).

Flattenings that scramble a form are read too: a PDF text layer that writes two-line header cells
as all first lines then all second lines (湖北 "中央 … 执行数 执行 (万元)×6 率": units under the
labels, 执行率 split in two), and a budget row with no line label or with its cells out of order
(a spreadsheet flattened to one line, other cells of the page run in between): the first bare
percent after the budget header anchors 执行率 and the numbers before it fill the columns before it
from the right. The indicator block is read in its header's written order (分值 before 年度指标值 too), one cell a
line with blanks kept (an unlabelled blank first column allowed), pipes or spaces between cells, level
cells written once for their group, broken over lines (数量 / 指标, 产 / 出 / 指 / 标) or with their points
on a line of their own, and a header whose labels a text layer scattered among the first rows; a
row fills only the columns its header has. An indicator table a narrative report carries outside any titled form
(一级指标 | 二级指标 | 指标名称 | 目标值 | 实际完成值, one cell a line) becomes a form with title
None and indicators only.

Every form is read with each template of patterns/forms/ (one file a template: the national
项目支出 / 部门整体支出 / 转移支付区域 自评表, the 湖南 基础数据表 and project form, score tables and the
variants met in real pages, beside the shared label lexicon); the template whose title, labels and
arithmetic fit best wins, and its id and a confidence are stored. A titled form that no template
can read is kept as unread with the reason.

The modules, in import order (each imports only those before it):

* ``numbers``      the figures a cell holds (number, percent) — structural, no vocabulary
* ``vocabulary``   patterns/forms/lexicon.toml compiled, and the classifiers of a cell key
* ``cells``        :class:`Cell`; a reader's table read at the spans the reader recorded
* ``constraints``  a template's arithmetic as data (执行率 = 执行数 ÷ 预算数 …), checked on a reading
* ``parsed``       the records a reading fills (ParsedForm, BudgetRow, IndicatorRow)
* ``stream``       the cell stream of one form and the cell tests the grammar shares
* ``points``       points written on the indicator block's labels (年度绩效目标(80分), 产出指标(60分))
* ``templates``    patterns/forms/<template>.toml loaded; a template's vocabulary
* ``flatten``      flattened text → cells: pipes, lines, label:value, spaces, glued labels and runs
* ``readings``     the readings of a budget row the arithmetic chooses among (glued runs, short rows)
* ``headers``      budget and indicator column headers
* ``passes``       indicator rows a flattening wrote in two passes (names and 指标值, then the rest)
* ``budget``       the budget block's rows;  ``indicators``  the indicator block's rows
* ``grammar``      one form: title, year, fields, money unit, blocks, total row
* ``grid``         grid blocks (基础数据表: rows × year columns);  ``pairs``  label → value blocks
* ``fit``          every template on a form's cells; the best reading and its confidence
* ``values``       grid, pairs and extra budget columns → FormValue rows
* ``build``        parsed form → Form / FormBudgetLine / Indicator / FormValue and table_amount mentions
* ``extract``      where a report's forms are (tables, titles, untitled indicator tables), unread forms
"""
from .extract import FormsFound, extract_forms

__all__ = ["FormsFound", "extract_forms"]
