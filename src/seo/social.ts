import type { ArticleImage, ArticleRecord } from "../articles/load.ts";
import type { Site } from "../articles/site-data.ts";

export interface SocialImage {
  src: string;
  width: number;
  height: number;
  alt: string;
}

// Social networks and aggregators do not show SVG or AVIF previews.
const PREVIEWABLE = /\.(?:jpe?g|png|webp|gif)$/i;

/** The image for og:image and cards: the lead image when networks can show it, else the site's default. */
export function socialImage(article: ArticleRecord | undefined, site: Pick<Site, "defaultImage">): SocialImage {
  const image: ArticleImage | undefined = article?.image;
  if (image?.rendition) return { src: image.rendition.url, width: image.rendition.width, height: image.rendition.height, alt: image.alt };
  if (image && PREVIEWABLE.test(image.src)) return { src: image.src, width: image.width, height: image.height, alt: image.alt };
  return site.defaultImage;
}
