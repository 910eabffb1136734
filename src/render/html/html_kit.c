/*
 * html_kit.c - what the site's writers share: files renamed into place,
 * text escaped for HTML and XML, figures as in the JSON exports, and the
 * stylesheet (light, dark, print, narrow screens) in the template's
 * colours.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/escape.h"
#include "base/jsonw.h"
#include "render/html/html_kit.h"

int
aft_html__open(aft_html_file *f, const char *path, aft_error *err)
{
    int rc;

    f->fp = NULL;
    if ((rc = aft_outfile__open(&f->o, path, err)) < 0)
        return rc;
    if ((f->fp = fopen(f->o.tmp, "wb")) == NULL) {
        rc = aft_error_set(err, AFT_EIO, "cannot write '%s': %s", path,
                           strerror(errno));
        aft_outfile__abort(&f->o);
    }
    return rc;
}

int
aft_html__close(aft_html_file *f, const char *path, int rc, aft_error *err)
{
    int bad = ferror(f->fp);

    if (fclose(f->fp) != 0)
        bad = 1;
    if (rc == AFT_OK && bad)
        rc = aft_error_set(err, AFT_EIO, "cannot write '%s'", path);
    if (rc < 0) {
        aft_outfile__abort(&f->o);
        return rc;
    }
    return aft_outfile__commit(&f->o, err);
}

void
aft_html__text(FILE *fp, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (p != NULL && *p) {
        size_t n = aft_escape__printable_len(p);

        if (*p == '&')
            fputs("&amp;", fp);
        else if (*p == '<')
            fputs("&lt;", fp);
        else if (*p == '>')
            fputs("&gt;", fp);
        else if (*p == '"')
            fputs("&quot;", fp);
        else if (*p == '\'')
            fputs("&#39;", fp);
        else if (*p == '\n' || *p == '\t')
            fputc(*p, fp);
        else if (n > 0)
            fwrite(p, 1, n, fp);
        else if (*p >= 0x80)
            fputs("\xEF\xBF\xBD", fp); /* U+FFFD */
        p += n > 0 ? n : 1;
    }
}

void
aft_html__real(FILE *fp, int has, double v)
{
    char buf[32];

    fputs(has ? aft_format_real(buf, v) : "null", fp);
}

void
aft_html__pct(FILE *fp, const aft_template *t, int has, double v)
{
    if (has)
        fprintf(fp, "%.3f&#160;%%", v);
    else
        aft_html__text(fp, aft_site_status_words(t, AFT_DAY_NO_DATA));
}

const char *
aft_html__status_class(aft_day_status st)
{
    static const char *const C[] = {[AFT_DAY_MET] = "met",
                                    [AFT_DAY_WITHIN] = "within",
                                    [AFT_DAY_BREACHED] = "breached",
                                    [AFT_DAY_NO_DATA] = "nodata",
                                    [AFT_DAY_MAINTENANCE] = "maint"};
    return C[st];
}

unsigned
aft_html__status_color(const aft_template *t, aft_day_status st)
{
    switch (st) {
    case AFT_DAY_MET:
        return aft_template_color(t, "good", 0x2E7D32);
    case AFT_DAY_WITHIN:
        return aft_template_color(t, "warn", 0xD98E04);
    case AFT_DAY_BREACHED:
        return aft_template_color(t, "bad", 0xC62828);
    case AFT_DAY_MAINTENANCE:
        return aft_template_color(t, "accent", 0x3D7DCA);
    default:
        return aft_template_color(t, "muted", 0x6B7280);
    }
}

/* Layout and type; colours come from the custom properties below. Each
 * bar has a darker inset edge, so that light bars (amber, grey) keep 3:1
 * against the page. */
static const char CSS[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',"
    "Roboto,'DejaVu Sans',sans-serif;background:var(--bg);color:var(--fg)}"
    "main,header.top,footer{max-width:64rem;margin:0 auto;padding:0 1rem}"
    "header.top{display:flex;align-items:center;gap:1rem;padding-top:1rem;"
    "flex-wrap:wrap}header.top img{max-height:3rem;max-width:10rem}"
    ".company{font-weight:600;color:var(--head)}"
    "h1,h2,h3{color:var(--head);line-height:1.25}h1{font-size:1.6rem;"
    "margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .75rem;border-bottom:"
    "2px solid var(--line);padding-bottom:.25rem}h3{font-size:1.05rem;"
    "margin:1.25rem 0 .4rem}.svchead "
    "h3{margin:0}a{color:var(--link)}a:focus-visible,.bar:focus-visible,"
    "summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}"
    ".asof{color:var(--soft);margin:0}"
    ".banner{border-left:.5rem solid var(--good);background:var(--panel);"
    "padding:.75rem 1rem;margin:1rem 0;font-weight:600}"
    ".banner.incident{border-color:var(--bad)}.banner.maint{border-color:"
    "var(--maint)}"
    ".svc{margin:1.25rem 0}.svchead{display:flex;justify-content:"
    "space-between;gap:.5rem;flex-wrap:wrap;align-items:baseline}"
    ".fig{margin:0;color:var(--soft)}.fig strong{color:var(--fg)}"
    ".bars{position:relative;display:flex;gap:1px;list-style:none;margin:"
    ".4rem 0 0;padding:0;height:2.25rem}"
    ".bar{flex:1 1 0;min-width:2px;border-radius:2px;background:var(--nodata)"
    ";cursor:default;box-shadow:inset 0 0 0 1px rgba(0,0,0,.45)}"
    ".bar.met{background:var(--good)}.bar.within{background:var(--warn)}"
    ".bar.breached{background:var(--bad)}.bar.maint{background:var(--maint)}"
    ".bar:hover,.bar:focus{box-shadow:inset 0 0 0 2px var(--fg)}"
    ".tip{display:none;position:absolute;left:0;right:0;top:calc(100% + "
    ".4rem);z-index:2;background:var(--panel);color:var(--fg);border:1px "
    "solid var(--line);border-radius:.4rem;padding:.5rem .75rem;font-size:"
    ".9rem;box-shadow:0 2px 8px rgba(0,0,0,.25)}"
    ".bar:hover .tip,.bar:focus .tip{display:block}"
    ".tip ul{margin:.25rem 0 0;padding-left:1.2rem}"
    ".axis{display:flex;justify-content:space-between;color:var(--soft);"
    "font-size:.85rem}"
    ".key{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;list-style:"
    "none;font-size:.9rem}.key li::before{content:'';display:inline-block;"
    "width:.8rem;height:.8rem;border-radius:2px;margin-right:.35rem;"
    "vertical-align:-.1rem;background:var(--c)}"
    ".tag{font-weight:600}.tag.met{color:var(--goodt)}.tag.within{color:"
    "var(--warnt)}.tag.breached{color:var(--badt)}"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}"
    "th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid "
    "var(--line);vertical-align:top}td.n,th.n{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    ".scroll{overflow-x:auto}"
    "details.inc{border:1px solid var(--line);border-radius:.4rem;margin:"
    ".6rem 0;padding:.5rem .75rem;background:var(--panel)}"
    "details.inc summary{cursor:pointer;font-weight:600}"
    "details.inc summary .when{display:block;font-weight:400;color:"
    "var(--soft);font-size:.9rem}"
    "details.inc dl{display:grid;grid-template-columns:max-content 1fr;gap:"
    ".2rem .75rem;margin:.5rem 0}details.inc dt{color:var(--soft)}"
    "details.inc dd{margin:0}ol.timeline{padding-left:1.2rem}"
    "footer{color:var(--soft);font-size:.9rem;padding-bottom:2rem;"
    "margin-top:2rem}"
    "@media (max-width:40rem){body{font-size:15px}.bars{height:2rem}"
    "details.inc dl{grid-template-columns:1fr}table{font-size:.85rem}"
    "th,td{padding:.3rem .25rem}table.stack thead{display:none}"
    "table.stack tr{display:block;border-bottom:1px solid var(--line);"
    "padding:.4rem 0}table.stack td{display:block;border:0;padding:.1rem 0}"
    "table.stack td::before{content:attr(data-label) ': ';color:var(--soft)}"
    "table.stack td:first-child{font-weight:600}"
    "table.stack td:first-child::before{content:none}}"
    "@media print{body{background:#fff;color:#000}.tip{display:none!important}"
    ".bar{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
    "details.inc{break-inside:avoid}a{color:#000}}";

/* #RRGGBB of a template colour. */
static void
color(FILE *fp, const char *var, unsigned c)
{
    fprintf(fp, "--%s:#%06X;", var, c & 0xFFFFFFu);
}

/* The colours: bars and accents from the template; text colours chosen
 * for AA contrast on the light and the dark background. */
static void
palette(FILE *fp, const aft_template *t)
{
    fputs(":root{color-scheme:light dark;--bg:#FFFFFF;--fg:#1A1A1A;"
          "--soft:#4B5563;--panel:#F5F6F8;--line:#D1D5DB;--focus:#1A1A1A;"
          "--goodt:#1B5E20;--warnt:#8A5A00;--badt:#B71C1C;",
          fp);
    color(fp, "head", aft_template_color(t, "primary", 0x1F3A5F));
    color(fp, "link", aft_template_color(t, "primary", 0x1F3A5F));
    color(fp, "good", aft_html__status_color(t, AFT_DAY_MET));
    color(fp, "warn", aft_html__status_color(t, AFT_DAY_WITHIN));
    color(fp, "bad", aft_html__status_color(t, AFT_DAY_BREACHED));
    color(fp, "maint", aft_html__status_color(t, AFT_DAY_MAINTENANCE));
    color(fp, "nodata", 0x9CA3AF);
    fputs("}@media (prefers-color-scheme:dark){:root{--bg:#111418;"
          "--fg:#E5E7EB;--soft:#B8BEC8;--panel:#1C2128;--line:#374151;"
          "--head:#E5E7EB;--link:#93C5FD;--focus:#FFFFFF;--nodata:#6B7280;"
          "--goodt:#81C784;--warnt:#FFD54F;--badt:#EF9A9A}}",
          fp);
}

void
aft_html__head(FILE *fp, const aft_template *t, const char *title,
               const char *feed)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8"
          "\">\n<meta name=\"viewport\" content=\"width=device-width,"
          "initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" "
          "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src "
          "'self' "
          "data:\">\n<title>",
          fp);
    aft_html__text(fp, title);
    fputs("</title>\n", fp);
    if (feed != NULL)
        fprintf(fp,
                "<link rel=\"alternate\" type=\"application/atom+xml\" "
                "href=\"%s\" title=\"Incidents and maintenance\">\n",
                feed);
    fputs("<style>", fp);
    palette(fp, t);
    fputs(CSS, fp);
    fputs("</style>\n</head>\n<body>\n", fp);
}

/* Write bytes as base64. */
static void
base64(FILE *fp, const unsigned char *p, size_t n)
{
    static const char A[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;

    for (i = 0; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        fputc(A[v >> 18], fp);
        fputc(A[v >> 12 & 63], fp);
        fputc(A[v >> 6 & 63], fp);
        fputc(A[v & 63], fp);
    }
    if (i < n) {
        unsigned v = (unsigned)p[i] << 16
                     | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0);
        fputc(A[v >> 18], fp);
        fputc(A[v >> 12 & 63], fp);
        fputc(i + 1 < n ? A[v >> 6 & 63] : '=', fp);
        fputc('=', fp);
    }
}

void
aft_html__brand(FILE *fp, const aft_template *t)
{
    size_t n = 0;
    const unsigned char *logo = aft_template_logo(t, &n);
    const char *company = aft_template_get(t, "company");

    fputs("<header class=\"top\">", fp);
    if (logo != NULL) {
        fputs("<img alt=\"\" src=\"data:image/png;base64,", fp);
        base64(fp, logo, n);
        fputs("\">", fp);
    }
    fputs("<span class=\"company\">", fp);
    aft_html__text(fp, company);
    fputs("</span></header>\n", fp);
}
