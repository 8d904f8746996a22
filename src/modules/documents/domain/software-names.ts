/**
 * Software whose name in a file's metadata says the file was made or edited rather than scanned or
 * photographed: image editors and design tools, and programs that generate PDFs from HTML or code.
 * Scanner drivers, phone cameras, office suites and PDF libraries that scanning tools also use (cairo,
 * Quartz, Adobe's PDF library) are left out: they say nothing about a forgery. Only the name from this
 * list is kept and shown, never the raw text of the file (a Creator may carry a file name with a person's
 * name in it).
 */
const SOFTWARE: [name: string, pattern: RegExp][] = [
  // Image editors and design tools.
  ['Adobe Photoshop', /photoshop/i],
  ['Adobe Illustrator', /illustrator/i],
  ['Adobe InDesign', /indesign/i],
  ['GIMP', /\bgimp\b|gnu image manipulation/i],
  ['Canva', /canva\b/i],
  ['Paint.NET', /paint\.net/i],
  ['Pixelmator', /pixelmator/i],
  ['Affinity', /\baffinity (photo|designer|publisher)/i],
  ['Photopea', /photopea/i],
  ['Krita', /\bkrita\b/i],
  ['Corel', /\bcorel/i],
  ['Inkscape', /inkscape/i],
  ['Snapseed', /snapseed/i],
  ['PicsArt', /picsart/i],
  ['Fotor', /\bfotor\b/i],
  ['Pixlr', /\bpixlr\b/i],
  ['PhotoScape', /photoscape/i],
  // PDF generators: HTML renderers and libraries that draw a PDF from code.
  ['wkhtmltopdf', /wkhtmltopdf|^qt \d/i],
  ['ReportLab', /reportlab/i],
  ['Chrome (Skia)', /skia\/pdf|headlesschrome|\bchrom(e|ium)\b/i],
  ['Microsoft Print to PDF', /microsoft:? print to pdf/i],
  ['PhantomJS', /phantomjs/i],
  ['Puppeteer', /puppeteer/i],
  ['WeasyPrint', /weasyprint/i],
  ['Prince', /\bprince\b/i],
  ['jsPDF', /jspdf/i],
  ['PDFKit', /\bpdfkit\b/i],
  ['pdf-lib', /pdf-lib/i],
  ['TCPDF', /\btcpdf\b/i],
  ['FPDF', /\bfpdf\b/i],
  ['mPDF', /\bmpdf\b/i],
  ['dompdf', /dompdf/i],
  ['PDFsharp', /pdfsharp/i],
];

/** The name of the first listed program that `text` names, or null. */
export function editingSoftware(text: string): string | null {
  for (const [name, pattern] of SOFTWARE) if (pattern.test(text)) return name;
  return null;
}
