-- The template catalog: templates and their immutable, content-addressed versions.

-- CreateTable
CREATE TABLE "templates" (
    "name" VARCHAR(80) NOT NULL,
    "current_version_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "templates_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "template_versions" (
    "id" UUID NOT NULL,
    "template_name" VARCHAR(80) NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "body" TEXT NOT NULL,
    "valid" BOOLEAN NOT NULL,
    "issues" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "template_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "templates_current_version_id_key" ON "templates"("current_version_id");
CREATE UNIQUE INDEX "template_versions_template_name_sha256_key" ON "template_versions"("template_name", "sha256");
CREATE INDEX "template_versions_template_name_created_at_idx" ON "template_versions"("template_name", "created_at");

-- AddForeignKey
ALTER TABLE "templates" ADD CONSTRAINT "templates_current_version_id_fkey" FOREIGN KEY ("current_version_id") REFERENCES "template_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_name_fkey" FOREIGN KEY ("template_name") REFERENCES "templates"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A version never changes once stored: deployments point at it.
CREATE FUNCTION "template_versions_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'template_versions are immutable: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "template_versions_immutable" BEFORE UPDATE OR DELETE ON "template_versions"
  FOR EACH ROW EXECUTE FUNCTION "template_versions_refuse_change"();
