/*
 * floor_report.c - a monthly report's floor: libharu and libxlsxwriter
 * writing the same content one client's report holds (the page texts,
 * as many text runs and shapes a page as the report draws, and every
 * cell of its workbook, from report_content.py), with DejaVu Sans and
 * Bold embedded, UTF-8 text and full compression as aftercast writes.
 * Nothing is laid out beyond measuring each run once.
 *
 * usage: floor_report CONTENT OUTDIR [COUNT]   (COUNT reports, default 1)
 */
#define _POSIX_C_SOURCE 200809L

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define FONT_DIR "/usr/share/fonts/truetype/dejavu"

typedef struct line {
    char kind;
    int a, b;
    char *text;
} line;

static line *lines;
static size_t n_lines;

static void
on_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)u;
    fprintf(stderr, "floor_report: libharu error %04X/%u\n", (unsigned)e,
            (unsigned)d);
    exit(1);
}

static int
read_content(const char *path)
{
    FILE *fp = fopen(path, "r");
    char *buf = NULL;
    size_t cap = 0, max = 0;
    ssize_t len;

    if (fp == NULL)
        return -1;
    while ((len = getline(&buf, &cap, fp)) > 0) {
        line *l;
        if (buf[len - 1] == '\n')
            buf[--len] = '\0';
        if (n_lines == max) {
            max = max ? max * 2 : 1024;
            if ((lines = realloc(lines, max * sizeof *lines)) == NULL)
                return -1;
        }
        l = &lines[n_lines++];
        memset(l, 0, sizeof *l);
        l->kind = buf[0];
        if (l->kind == 'P') {
            sscanf(buf + 2, "%d %d", &l->a, &l->b);
        } else if (l->kind == 'C') {
            int off = 0;
            char type;
            sscanf(buf + 2, "%d %d %c %n", &l->a, &l->b, &type, &off);
            l->text = strdup(buf + 2 + off);
            l->kind = type == 's' ? 'C' : 'N';
        } else if (len >= 2) {
            l->text = strdup(buf + 2);
        }
    }
    free(buf);
    fclose(fp);
    return 0;
}

/* Draws the page starting at lines[p]: its words spread over lines[p].a
 * runs, one BT/ET a run, then lines[p].b filled rectangles. */
static size_t
draw_page(HPDF_Doc doc, HPDF_Font font, HPDF_Font bold, size_t p)
{
    HPDF_Page page = HPDF_AddPage(doc);
    int runs = lines[p].a > 0 ? lines[p].a : 1, shapes = lines[p].b, r;
    size_t i, end = p + 1, words = 0, per, w;
    char run[4096];
    float y = 800;

    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    while (end < n_lines && lines[end].kind == 'T')
        end++;
    for (i = p + 1; i < end; i++) {
        const char *s = lines[i].text;
        for (; *s; s++)
            words += *s == ' ';
        words++;
    }
    per = (words + (size_t)runs - 1) / (size_t)runs;
    if (per == 0)
        per = 1;
    run[0] = '\0';
    w = 0;
    r = 0;
    for (i = p + 1; i < end; i++) {
        const char *s = lines[i].text;
        while (*s) {
            const char *e = strchr(s, ' ');
            size_t n = e ? (size_t)(e - s) : strlen(s), have = strlen(run);
            if (have + n + 2 < sizeof run) {
                if (have)
                    run[have++] = ' ';
                memcpy(run + have, s, n);
                run[have + n] = '\0';
            }
            s += n + (e != NULL);
            if (++w == per || (*s == '\0' && i + 1 == end)) {
                HPDF_Font f = r % 5 == 0 ? bold : font;
                float x = 40 + (float)(r % 4) * 120;
                HPDF_Page_SetFontAndSize(page, f, 9);
                HPDF_Page_TextWidth(page, run);
                HPDF_Page_BeginText(page);
                HPDF_Page_TextOut(page, x, y, run);
                HPDF_Page_EndText(page);
                if (r % 4 == 3 && (y -= 12) < 40)
                    y = 800;
                run[0] = '\0';
                w = 0;
                r++;
            }
        }
    }
    for (r = 0; r < shapes; r++) {
        HPDF_Page_SetRGBFill(page, 0.9f, 0.9f, 0.95f);
        HPDF_Page_Rectangle(page, 40, 40 + (float)(r % 60) * 12, 500, 10);
        HPDF_Page_Fill(page);
    }
    return end;
}

static void
write_pdf(const char *path)
{
    HPDF_Doc doc = HPDF_New(on_error, NULL);
    HPDF_Font font, bold;
    size_t i;

    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    font = HPDF_GetFont(doc,
                        HPDF_LoadTTFontFromFile(doc, FONT_DIR "/DejaVuSans.ttf",
                                                HPDF_TRUE),
                        "UTF-8");
    bold = HPDF_GetFont(doc,
                        HPDF_LoadTTFontFromFile(doc,
                                                FONT_DIR "/DejaVuSans-Bold.ttf",
                                                HPDF_TRUE),
                        "UTF-8");
    for (i = 0; i < n_lines;)
        i = lines[i].kind == 'P' ? draw_page(doc, font, bold, i) : i + 1;
    HPDF_SaveToFile(doc, path);
    HPDF_Free(doc);
}

static int
write_xlsx(const char *path)
{
    lxw_workbook_options opts = {0};
    lxw_workbook *wb = workbook_new_opt(path, &opts);
    lxw_worksheet *ws = NULL;
    lxw_format *head;
    size_t i;

    if (wb == NULL)
        return -1;
    head = workbook_add_format(wb);
    format_set_bold(head);
    for (i = 0; i < n_lines; i++) {
        line *l = &lines[i];
        lxw_format *f = l->a == 0 ? head : NULL;
        if (l->kind == 'S')
            ws = workbook_add_worksheet(wb, l->text);
        else if (l->kind == 'C' && ws != NULL)
            worksheet_write_string(ws, (lxw_row_t)l->a, (lxw_col_t)l->b,
                                   l->text, f);
        else if (l->kind == 'N' && ws != NULL)
            worksheet_write_number(ws, (lxw_row_t)l->a, (lxw_col_t)l->b,
                                   atof(l->text), f);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int
main(int argc, char **argv)
{
    int count = argc > 3 ? atoi(argv[3]) : 1, k;
    char path[4096];

    if (argc < 3 || count < 1) {
        fprintf(stderr, "usage: floor_report CONTENT OUTDIR [COUNT]\n");
        return 2;
    }
    if (read_content(argv[1]) < 0) {
        fprintf(stderr, "floor_report: cannot read %s\n", argv[1]);
        return 1;
    }
    for (k = 0; k < count; k++) {
        snprintf(path, sizeof path, "%s/floor-%d.pdf", argv[2], k);
        write_pdf(path);
        snprintf(path, sizeof path, "%s/floor-%d.xlsx", argv[2], k);
        if (write_xlsx(path) < 0) {
            fprintf(stderr, "floor_report: cannot write %s\n", path);
            return 1;
        }
    }
    return 0;
}
